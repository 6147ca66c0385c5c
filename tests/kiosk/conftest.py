"""A broker and a queue server shared by this folder's bus tests (one per module: fast),
and kiosk controllers wired to a real bus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from kiosk.bus_feed import attach
from kiosk.controller import KioskController
from kiosk.settings import KioskSettings
from tests.kiosk.fakes import FakePrinter, Pump
from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess, client


@dataclass
class Hall:
    broker: Mosquitto
    server: ServerProcess


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    d: Path = tmp_path_factory.mktemp("kiosk-hall")
    b = Mosquitto(d).start()
    s = ServerProcess(b.url, d / "hall.db")
    probe = client(b.url, "display-main")
    s.start(wait_client=probe)
    probe.stop()
    yield Hall(b, s)
    s.stop()
    b.stop()


class SpyBus:
    """The real bus client, recording the request ids it was given."""

    def __init__(self, bus: BusClient) -> None:
        self.bus = bus
        self.ids: list[str | None] = []

    def request_async(self, op: str, args: dict[str, Any] | None = None,
                      callback: Callable[[Any], None] | None = None, timeout: float = 10.0,
                      request_id: str | None = None) -> str:
        self.ids.append(request_id)
        return self.bus.request_async(op, args, callback, timeout, request_id)


@dataclass
class Kiosk:
    ctrl: KioskController
    bus: BusClient
    spy: SpyBus
    pump: Pump
    printer: FakePrinter


@pytest.fixture
def kiosk_factory() -> Iterator[Callable[..., Kiosk]]:
    made: list[BusClient] = []

    def make(url: str, device: str, settings: KioskSettings | None = None) -> Kiosk:
        bus = BusClient(BrokerSpec.from_url(url), "demo", device, retry_s=0.3)
        pump, printer, spy = Pump(), FakePrinter(), SpyBus(bus)
        ctrl = KioskController(spy, printer, settings or KioskSettings(request_timeout_s=5), post=pump.post)
        attach(bus, ctrl, pump.post)
        bus.start(wait=10)
        made.append(bus)
        ctrl.on_printer_status("ok")
        pump.until(lambda: ctrl.out_of_service is None and len(ctrl.catalog.matters) > 0)
        return Kiosk(ctrl, bus, spy, pump, printer)

    yield make
    for b in made:
        b.stop()
