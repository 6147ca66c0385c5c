"""The real queue server and bus clients, each with its own bundle, through the locked-down broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from provisioning.bundle import DeviceBundle
from tests.provisioning.conftest import Hall

ROOT = Path(__file__).resolve().parents[2]


def _bus(b: DeviceBundle) -> BusClient:
    spec = BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file())
    return BusClient(spec, b.hall, b.device, retry_s=0.5).start(wait=10)


@pytest.fixture
def server(hall: Hall, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - the process owns it
    proc = subprocess.Popen(
        [sys.executable, "-m", "hallq", "server", "--hall", str(hall.dir / "hall.toml"),
         "--config", str(hall.dir / "bundles" / "server.json"), "--db", str(tmp_path / "hall.db")],
        stdout=log, stderr=log, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    yield proc
    proc.terminate()
    proc.wait(10)
    log.close()


def test_a_ticket_goes_from_kiosk_to_window_to_display(hall: Hall, server: subprocess.Popen[bytes]) -> None:
    kiosk, window, display = (_bus(hall.bundle(d)) for d in ("kiosk-01", "win-01", "display-main"))
    calls: list[dict[str, object]] = []
    got_call = threading.Event()

    def on_call(topic: str, payload: bytes) -> None:
        calls.append(json.loads(payload))
        got_call.set()

    display.subscribe(display.topics.event_call, on_call)
    try:
        deadline = time.monotonic() + 15
        while kiosk.request("ticket.status", {"ticket": "Z999"}, timeout=1.0).error_code == "unavailable":
            assert time.monotonic() < deadline and server.poll() is None, "server never answered"
        issued = kiosk.request("ticket.issue", {"matter": "resident-id-renew"})
        assert issued.ok, issued.error_message
        assert window.request("window.open").ok
        called = window.request("call.next")
        assert called.ok and called.result["ticket"]["number"] == issued.result["ticket"]["number"]
        assert got_call.wait(5)
        assert calls[0]["ticket"] == issued.result["ticket"]["number"] and calls[0]["window"] == "win-01"
        # a kiosk cannot pose as a window: the broker keeps it on req/kiosk-01, where the role is kiosk
        assert kiosk.request("call.next").error_code == "not_allowed"
    finally:
        for c in (kiosk, window, display):
            c.stop()


def test_app_config_bundle_becomes_broker_device_and_credentials(hall: Hall, server, monkeypatch) -> None:
    """`hallq display|window|... --config BUNDLE.json`: what the app's own argparse then sees works."""
    from hallq.cli import _apply_bundle

    monkeypatch.delenv("HALLQ_MQTT_USERNAME", raising=False)
    monkeypatch.delenv("HALLQ_MQTT_PASSWORD", raising=False)
    bundle = hall.dir / "bundles" / "win-01.json"
    args = _apply_bundle("window", ["--size", "800x600", "--config", str(bundle)])
    password = hall.bundle("win-01").password
    assert password not in " ".join(args)  # credentials travel by environment, not argv
    broker, device = args[args.index("--broker") + 1], args[args.index("--device") + 1]
    assert device == "win-01" and args[args.index("--hall-id") + 1] == hall.bundle("win-01").hall
    assert broker.startswith("mqtts://") and "?ca=" in broker
    client = BusClient(BrokerSpec.from_url(broker), hall.bundle("win-01").hall, device, retry_s=0.5).start(wait=10)
    try:
        deadline = time.monotonic() + 15
        while (r := client.request("window.open", timeout=2)).error_code == "unavailable":
            assert time.monotonic() < deadline, "server never answered"
        assert r.ok and r.result["window"]["status"] == "open"
    finally:
        client.stop()
