"""A broker certificate that runs out in a minute, renewed under a running broker and server.

The hall starts with a 60-second server certificate. The server raises `cert_expiring` in the
retained state/alerts (an alarm: less than a day), the manager console's controller shows it,
`tls status` says so. Then, while a kiosk issues tickets, `tls renew --reload` gives the broker
a new certificate: no connection drops (the broker's own log counts them), the next handshake
offers the new certificate, the alert clears. Once the old certificate has run out, devices
connect again (verifying against the hall's CA) and every ticket is there to be called, in order.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509

from hallbus.broker_cert import served_certificate
from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from hallui.bus_json import json_object_handler
from manager_console import texts
from manager_console.controller import ManagerController
from provisioning.bundle import DeviceBundle, load_bundle
from provisioning.main import main
from tests.provisioning.conftest import provision
from tests.support.broker import Mosquitto, free_port
from tests.window_console.helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # it waits for the first certificate to run out (about a minute)


@dataclass
class Running:
    dir: Path
    port: int
    broker: Mosquitto
    server: subprocess.Popen[bytes]
    server_log: Path

    def bundle(self, device: str) -> DeviceBundle:
        return load_bundle(self.dir / "bundles" / f"{device}.json")

    def bus(self, device: str) -> BusClient:
        b = self.bundle(device)
        return BusClient(BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file()), b.hall, device,
                         retry_s=0.5).start(wait=10)

    def connections(self, client_id: str) -> int:
        """How many times the broker saw `client_id` connect (connection_messages true)."""
        log = (self.broker.workdir / "mosquitto.log").read_text(errors="replace")
        return sum(1 for line in log.splitlines() if "New client connected" in line and f" as {client_id} " in line)


def _serial(pem_or_der: bytes) -> int:
    if pem_or_der.startswith(b"-----"):
        return x509.load_pem_x509_certificate(pem_or_der).serial_number
    return x509.load_der_x509_certificate(pem_or_der).serial_number


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    port = free_port()
    d = provision(tmp_path, port)
    assert main(["tls", "renew", "--dir", str(d), "--lifetime-s", "60"]) == 0  # before the broker starts
    run = tmp_path / "run"
    run.mkdir()
    broker = Mosquitto(run, port=port, conf=(d / "mosquitto.conf").read_text()).start()
    log = tmp_path / "server.log"
    out = open(log, "wb")  # noqa: SIM115 - the process owns it
    server = subprocess.Popen(
        [sys.executable, "-m", "hallq", "server", "--hall", str(d / "hall.toml"),
         "--config", str(d / "bundles" / "server.json"), "--db", str(tmp_path / "hall.db")],
        stdout=out, stderr=out, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    yield Running(d, port, broker, server, log)
    server.terminate()
    server.wait(10)
    out.close()
    broker.stop()


def test_renewal_under_a_running_hall_loses_nothing(running: Running, capsys: pytest.CaptureFixture[str]) -> None:
    r = running
    old_pem = (r.dir / "tls" / "server.crt").read_bytes()
    old_end = x509.load_pem_x509_certificate(old_pem).not_valid_after_utc.timestamp()
    mgr = r.bus("mgr-01")
    ctrl = ManagerController(mgr, 900, time.time)
    mgr.subscribe(mgr.topics.state_alerts, json_object_handler(ctrl.on_alerts))
    kiosk, window = r.bus("kiosk-01"), r.bus("win-01")
    drops: list[str] = []
    for c in (mgr, kiosk, window):
        c.on_connected = lambda up, d=c.device: None if up else drops.append(d)
    try:
        wait_for(lambda: kiosk.request("ticket.status", {"ticket": "Z999"}, timeout=1).error_code != "unavailable",
                 timeout=20, what="the server answering")
        # the server saw the one-minute certificate: an alarm, shown at the top of the manager's console
        alert = wait_for(lambda: next((a for a in ctrl.view.alerts if a["code"] == "cert_expiring"), None),
                         timeout=20, what="cert_expiring in state/alerts")
        assert alert["level"] == "alarm" and alert["subject"] == "broker"
        assert "不到 1 天" in texts.alerts(ctrl.view) and "tls renew" in texts.alerts(ctrl.view)
        capsys.readouterr()
        assert main(["tls", "status", "--dir", str(r.dir)]) == 2
        out = capsys.readouterr()
        assert "minutes left" in out.out and "server certificate ends" in out.err

        issued: list[str] = []
        refused: list[str] = []
        stop = threading.Event()

        def issue_tickets() -> None:
            while not stop.is_set():
                res = kiosk.request("ticket.issue", {"matter": "resident-id-renew"}, timeout=10)
                if res.ok:
                    issued.append(res.result["ticket"]["number"])
                else:
                    refused.append(str(res.error_code))
                time.sleep(0.02)  # a steady trickle, not a flood: what crosses the renewal is the point

        worker = threading.Thread(target=issue_tickets, daemon=True)
        worker.start()
        wait_for(lambda: len(issued) >= 5, what="tickets before the renewal")
        assert main(["tls", "renew", "--dir", str(r.dir), "--reload"]) == 0
        new_pem = (r.dir / "tls" / "server.crt").read_bytes()
        assert _serial(new_pem) != _serial(old_pem)
        # Mosquitto re-read the certificate on SIGHUP: the next handshake gets the new one
        wait_for(lambda: _serial(served_certificate("localhost", r.port)) == _serial(new_pem),
                 what="the broker offering the new certificate")
        r.server.send_signal(1)  # SIGHUP: what `catalog import` does too; the server checks again at once
        wait_for(lambda: not ctrl.view.alerts, timeout=15, what="the alert cleared")
        n_renewed = len(issued)
        wait_for(lambda: len(issued) >= n_renewed + 5, what="tickets after the renewal")
        stop.set()
        worker.join(15)
        assert refused == [] and drops == []
        assert main(["tls", "status", "--dir", str(r.dir)]) == 0
        # a provisioned broker takes each client id from its username (use_username_as_clientid)
        for client_id in ("kiosk-01", "mgr-01", "win-01", "server"):
            assert r.connections(client_id) == 1, client_id  # nobody was dropped and came back

        # the old certificate runs out; devices that connect now get the new one and trust it
        wait_for(lambda: time.time() > old_end + 1, timeout=90, what="the first certificate's end")
        kiosk.stop()
        again = r.bus("kiosk-01")
        try:
            res = again.request("ticket.issue", {"matter": "resident-id-renew"})
            assert res.ok, res.error_message
            issued.append(res.result["ticket"]["number"])
        finally:
            again.stop()
        assert window.request("window.open").ok
        called = []
        while (res := window.request("call.next")).ok and res.result.get("ticket"):
            called.append(res.result["ticket"]["number"])
            assert window.request("ticket.finish").ok
        assert called == issued and len(set(issued)) == len(issued)  # every ticket, once, in order
    finally:
        for c in (mgr, kiosk, window):
            c.stop()
