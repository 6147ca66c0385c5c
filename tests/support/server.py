"""The queue server as a real process, and bus clients for tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from hallui.children import popen

ROOT = Path(__file__).resolve().parents[2]


class ServerProcess:
    def __init__(self, broker_url: str, db: Path, hall: str = "demo", log: Path | None = None,
                 args: tuple[str, ...] = (), extra: list[str] | None = None) -> None:
        self.broker_url, self.db, self.hall, self.args = broker_url, db, hall, (*args, *(extra or []))
        self.log = log or db.with_suffix(".server.log")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, wait_client: BusClient | None = None) -> ServerProcess:
        out = open(self.log, "ab")  # noqa: SIM115 - the process owns it
        self.proc = popen(  # stops when the test run does, even a killed one
            [sys.executable, "-m", "hallq", "server", "--hall", self.hall, "--broker", self.broker_url,
             "--db", str(self.db), *self.args], stdout=out, stderr=out, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if wait_client is not None:
            self.wait_ready(wait_client)
        return self

    def wait_ready(self, client: BusClient, timeout: float = 15.0) -> None:
        """Ready when it answers a request (any answer but 'unavailable')."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = client.request("ticket.status", {"ticket": "Z999"}, timeout=1.0)
            if r.error_code != "unavailable":
                return
            assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-2000:]
        raise TimeoutError("queue server did not answer")

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def hup(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGHUP)


def client(broker_url: str, device: str, hall: str = "demo") -> BusClient:
    return BusClient(BrokerSpec.from_url(broker_url), hall, device, retry_s=0.5).start(wait=10)


class RawDevice:
    """Publishes raw payloads on a device's request topic and collects what comes back."""

    def __init__(self, broker_url: str, device: str, hall: str = "demo") -> None:
        import queue

        from hallbus.mqtt import Connection
        from hallbus.topics import Topics

        self.topics = Topics(hall)
        self.device = device
        self.inbox: queue.Queue[bytes] = queue.Queue()
        self.conn = Connection(BrokerSpec.from_url(broker_url), f"raw-{device}")
        self.conn.subscribe(self.topics.res(device), lambda _t, p: self.inbox.put(p))
        self.conn.start(wait=10)
        time.sleep(0.1)  # let the subscription settle before the first publish

    def send(self, payload: bytes, device: str | None = None) -> None:
        self.conn.publish(self.topics.req(device or self.device), payload)

    def responses(self, n: int, timeout: float = 5.0) -> list[dict[str, object]]:
        import json
        import queue

        out = []
        deadline = time.monotonic() + timeout
        while len(out) < n and time.monotonic() < deadline:
            try:
                out.append(json.loads(self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))))
            except (queue.Empty, ValueError):  # the deadline passed, or an answer that is not JSON
                break
        return out

    def stop(self) -> None:
        self.conn.stop()
