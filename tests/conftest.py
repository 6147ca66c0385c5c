"""Fixtures shared by every test: a real broker on a free loopback port."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hallbus.client import BusClient
from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess, client


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    m = Mosquitto(tmp_path).start()
    yield m
    m.stop()


@pytest.fixture
def server(broker: Mosquitto, tmp_path: Path) -> Iterator[ServerProcess]:
    """The demo hall's queue server, ready to answer."""
    s = ServerProcess(broker.url, tmp_path / "hall.db")
    probe = client(broker.url, "display-main")
    s.start(wait_client=probe)
    probe.stop()
    yield s
    s.stop()


@pytest.fixture
def bus(broker: Mosquitto) -> Iterator[Callable[[str], BusClient]]:
    """Factory of connected bus clients, stopped after the test."""
    made: list[BusClient] = []

    def make(device: str) -> BusClient:
        c = client(broker.url, device)
        made.append(c)
        return c

    yield make
    for c in made:
        c.stop()
