"""Bad broker settings: no broker at the URL, refused credentials, a TLS broker with a CA we do
not hold. The server and a device each say so in one line, then keep trying, quietly and cheaply,
and connect as soon as the broker is there."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from provisioning.tls import make_ca
from tests.provisioning.conftest import Hall, hall  # noqa: F401 - the provisioned TLS broker
from tests.support.broker import Mosquitto, free_port
from tests.support.bus_device import DeviceProcess
from tests.support.procs import CpuWatch
from tests.support.server import ServerProcess

WATCH_S = 6.0  # a few tries at the backoff's pace (0.2 s doubling to 2 s)


def _bundle(h: Hall, device: str, tmp: Path, **change: str) -> tuple[Path, dict[str, str], str]:
    """A bundle file with one thing wrong, and the same as environment and URL for a device process."""
    b = dataclasses.replace(h.bundle(device), **change)
    path = tmp / f"{device}-{'-'.join(change)}.json"
    path.write_text(b.to_json())
    env = {"HALLQ_MQTT_USERNAME": b.username, "HALLQ_MQTT_PASSWORD": b.password}
    return path, env, f"{b.broker}?ca={b.ca_file()}"


def _lines(log: Path, needle: str) -> list[str]:
    return [ln for ln in log.read_text(errors="replace").splitlines() if needle in ln]


def test_each_bad_setting_is_said_once_and_tried_again_without_spinning(hall: Hall, tmp_path: Path) -> None:  # noqa: F811
    port = free_port()
    wrong_ca = make_ca("some-other-hall").cert.decode()
    cases = {  # name: (server bundle or URL, device env, device URL, what the line says)
        "nobroker": (None, {}, f"mqtt://127.0.0.1:{port}", f"no broker at 127.0.0.1:{port} (connection refused)"),
        "password": (*_bundle(hall, "server", tmp_path, password="not-the-password")[:1],
                     *_bundle(hall, "kiosk-01", tmp_path, password="not-the-password")[1:], "refused"),
        "ca": (*_bundle(hall, "server", tmp_path, ca_pem=wrong_ca)[:1],
               *_bundle(hall, "kiosk-01", tmp_path, ca_pem=wrong_ca)[1:], "does not trust"),
    }
    procs: list[tuple[str, ServerProcess | DeviceProcess, Path, str]] = []
    for name, (bundle, env, url, says) in cases.items():
        args = ("--config", str(bundle)) if bundle else ()
        srv = ServerProcess(f"mqtt://127.0.0.1:{port}", tmp_path / f"{name}.db", args=args).start()
        dev = DeviceProcess(url, "kiosk-01", tmp_path / f"{name}-device.log", env=env).start()
        procs += [(f"{name} server", srv, srv.log, says), (f"{name} device", dev, dev.log, says)]
    try:
        time.sleep(1.0)  # past start-up (imports, store), which is not what is measured
        watches = {name: CpuWatch.of(_pid(p)) for name, p, _, _ in procs}
        time.sleep(WATCH_S)  # the measured window: several failed tries each
        shares = {name: round(w.share(), 4) for name, w in watches.items()}
        print("\nCPU share of a core, failing to connect:", shares)
        for name, p, log, says in procs:
            assert _alive(p), f"{name} gave up: {log.read_text()[-1500:]}"
            said = _lines(log, "retrying every")
            assert len(said) == 1 and says in said[0], f"{name}: {said}"
        assert all(s <= 0.05 for s in shares.values()), shares

        broker = Mosquitto(tmp_path, port=port).start()  # the broker the first pair was looking for
        try:
            srv, dev = procs[0][1], procs[1][1]
            assert isinstance(dev, DeviceProcess) and isinstance(srv, ServerProcess)
            dev.wait_for("answer", timeout=10)  # the server is up too: it answered
            came = _lines(srv.log, "connected to the broker")
            assert came, srv.log.read_text()[-1500:]
            tries = int(came[0].split(" after ")[1].split()[0])
            assert 3 <= tries <= 20, f"{tries} tries in about {WATCH_S + 1:.0f} s is not a backoff"
        finally:
            broker.stop()
    finally:
        for _, p, _, _ in procs:
            p.stop()


def _pid(p: ServerProcess | DeviceProcess) -> int:
    assert p.proc is not None
    return p.proc.pid


def _alive(p: ServerProcess | DeviceProcess) -> bool:
    return p.proc is not None and p.proc.poll() is None
