"""The attacked hall: provisioned as docs/provisioning.md says, its broker started from the generated
mosquitto.conf, and the real queue server on the server's own bundle. One per test module."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from provisioning.bundle import DeviceBundle, load_bundle
from provisioning.main import main
from tests.support.broker import Mosquitto, free_port, wait_port

HALL = "sec-hall"
R = f"hall/{HALL}/"
ROOT = Path(__file__).resolve().parents[2]
# every role, and two of the roles an attacker would steal first (a kiosk stands in the public hall)
DEVICES = [("kiosk-01", "kiosk", []), ("kiosk-02", "kiosk", []), ("display-main", "display", []),
           ("win-01", "window", []), ("win-02", "window", []), ("eval-01", "evaluator", ["--window", "win-01"]),
           ("mgr-01", "manager", [])]


@dataclass
class Hall:
    dir: Path
    tls_port: int
    plain_port: int
    broker: Mosquitto

    def bundle(self, device: str) -> DeviceBundle:
        return load_bundle(self.dir / "bundles" / f"{device}.json")

    def broker_log(self) -> str:
        return (self.broker.workdir / "mosquitto.log").read_text(errors="replace")

    def bus(self, device: str) -> BusClient:
        b = self.bundle(device)
        return BusClient(BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file()), b.hall, b.device,
                         retry_s=0.5).start(wait=10)


def provision(root: Path, tls_port: int, plain_port: int) -> Path:
    d = root / "hall"
    assert main(["init", "--hall", HALL, "--dir", str(d), "--host", "localhost", "--tls-port", str(tls_port),
                 "--port", str(plain_port)]) == 0
    for device, role, extra in DEVICES:
        assert main(["device", "add", device, "--role", role, "--dir", str(d), *extra]) == 0
    return d


def start_broker(root: Path, d: Path, tls_port: int, plain_port: int, conf: str | None = None) -> Mosquitto:
    run = root / "run"
    run.mkdir(exist_ok=True)
    # the helper writes this text to its own file and waits on the TLS port; the plain one opens after it
    broker = Mosquitto(run, port=tls_port, conf=conf if conf is not None else (d / "mosquitto.conf").read_text())
    broker.start()
    wait_port(plain_port)
    return broker


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    root = tmp_path_factory.mktemp("sec")
    tls_port, plain_port = free_port(), free_port()
    d = provision(root, tls_port, plain_port)
    broker = start_broker(root, d, tls_port, plain_port)
    yield Hall(d, tls_port, plain_port, broker)
    broker.stop()


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    db: Path
    log: Path


@pytest.fixture(scope="module")
def server(hall: Hall, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real queue server on its bundle, answering before the first test."""
    run = tmp_path_factory.mktemp("server")
    log_path = run / "server.log"
    log = open(log_path, "wb")  # noqa: SIM115 - the process owns it
    db = run / "hall.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "hallq", "server", "--hall", str(hall.dir / "hall.toml"),
         "--config", str(hall.dir / "bundles" / "server.json"), "--db", str(db)],
        # the common login umask: the files the server makes are private only if the server makes them so
        stdout=log, stderr=log, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, umask=0o022)
    probe = hall.bus("mgr-01")
    try:
        deadline = time.monotonic() + 20
        while probe.request("ticket.status", {"ticket": "Z999"}, timeout=1.0).error_code == "unavailable":
            assert time.monotonic() < deadline and proc.poll() is None, log_path.read_text()[-2000:]
    finally:
        probe.stop()
    yield Server(proc, db, log_path)
    proc.terminate()
    proc.wait(10)
    log.close()
