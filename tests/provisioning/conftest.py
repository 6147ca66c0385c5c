"""A provisioned hall and its broker, started from the generated mosquitto.conf, shared per module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from provisioning.bundle import DeviceBundle, load_bundle
from provisioning.main import main
from tests.support.broker import Mosquitto, free_port

HALL = "test-hall"
DEVICES = [("kiosk-01", "kiosk", []), ("kiosk-02", "kiosk", []), ("display-main", "display", []),
           ("win-01", "window", []), ("eval-01", "evaluator", ["--window", "win-01"]), ("mgr-01", "manager", [])]


@dataclass
class Hall:
    dir: Path
    tls_port: int
    broker: Mosquitto

    def bundle(self, device: str) -> DeviceBundle:
        return load_bundle(self.dir / "bundles" / f"{device}.json")

    def cli(self, *args: str) -> int:
        return main([*args, "--dir", str(self.dir)])

    def mosquitto_log(self) -> str:
        return (self.broker.workdir / "mosquitto.log").read_text(errors="replace")


def provision(root: Path, tls_port: int) -> Path:
    d = root / "hall"
    assert main(["init", "--hall", HALL, "--dir", str(d), "--host", "localhost", "--tls-port", str(tls_port)]) == 0
    for device, role, extra in DEVICES:
        assert main(["device", "add", device, "--role", role, "--dir", str(d), *extra]) == 0
    return d


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    root = tmp_path_factory.mktemp("prov")
    port = free_port()
    d = provision(root, port)
    run = root / "run"
    run.mkdir()
    # the helper writes its own copy of the conf into `run`; the text is the generated one
    broker = Mosquitto(run, port=port, conf=(d / "mosquitto.conf").read_text()).start()
    yield Hall(d, port, broker)
    broker.stop()
