"""A broker gone for 10 s: the server and a device wait for it without spinning, leave its port
alone, and are back within 3 s of its restart on the same (ephemeral) port."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from hallbus.mqtt import BrokerSpec, Connection
from hallbus.topics import Topics
from tests.support.broker import Mosquitto, in_ephemeral_range
from tests.support.bus_device import DeviceProcess
from tests.support.procs import CpuWatch, self_connected
from tests.support.server import ServerProcess

OUTAGE_S, MAX_SHARE, BACK_S = 10.0, 0.05, 3.0


def _server_online_at(url: str, timeout: float) -> float:
    """When a fresh subscriber sees the server's presence go online (the broker kept nothing retained)."""
    seen = threading.Event()
    at: list[float] = []

    def on_presence(_t: str, payload: bytes) -> None:
        if json.loads(payload).get("online"):
            at.append(time.monotonic())
            seen.set()

    watcher = Connection(BrokerSpec.from_url(url), "outage-watcher")
    watcher.subscribe(Topics("demo").presence_server, on_presence)
    watcher.start(wait=timeout)
    try:
        assert seen.wait(timeout), "the server did not come back"
        return at[0]
    finally:
        watcher.stop()


def test_a_broker_down_for_10s_costs_nothing_and_everyone_is_back_within_3s(
        broker: Mosquitto, server: ServerProcess, tmp_path: Path) -> None:
    assert in_ephemeral_range(broker.port), "the point is a port the kernel also hands out as a source port"
    assert server.proc is not None
    device = DeviceProcess(broker.url, "kiosk-01", tmp_path / "device.log").start()
    try:
        device.wait_for("answer", timeout=15)
        broker.stop()
        down = time.monotonic()
        pids = {"server": server.proc.pid, "device": device.proc.pid}
        watches = {name: CpuWatch.of(pid) for name, pid in pids.items()}
        looped: list[str] = []
        end = time.monotonic() + OUTAGE_S
        while time.monotonic() < end:  # the outage itself, looking at their sockets all along
            looped += [f"{name} {s}" for name, pid in pids.items() for s in self_connected(pid)]
            time.sleep(0.1)
        shares = {name: round(w.share(), 4) for name, w in watches.items()}
        print("\nCPU share of a core with the broker down:", shares)
        assert not looped, f"sockets connected to themselves: {looped}"
        assert all(s <= MAX_SHARE for s in shares.values()), shares

        back = time.monotonic()
        broker.start()  # the same port: nothing of ours may hold it
        assert broker.proc is not None and broker.proc.poll() is None
        assert "Address already in use" not in (tmp_path / "mosquitto.log").read_text()
        device_up, _ = device.wait_for("up", after=back, timeout=BACK_S + 2)
        answered, (rid, code) = device.wait_for("answer", after=back, timeout=BACK_S + 2)
        server_up = _server_online_at(broker.url, BACK_S + 2)
        delays = {"device": device_up - back, "server": server_up - back, "answer": answered - back}
        print("back after (s):", {k: round(v, 2) for k, v in delays.items()})
        assert all(d <= BACK_S for d in delays.values()), delays
        before = [rest[0] for what, at, rest in device.lines if what == "answer" and at < down]
        n = int(before[-1].rsplit("s", 1)[1])
        assert (rid, code) == (f"kiosk-01-s{n + 1}", "unknown_ticket"), \
            "the request asked during the outage is answered after it, under its own id"
        assert [rest[0] for what, _, rest in device.lines if what == "answer"].count(rid) == 1
    finally:
        device.stop()
