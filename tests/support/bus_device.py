"""A small device process on the hall's one transport, for tests that need a device that is not a screen.

`python -m tests.support.bus_device BROKER_URL DEVICE` asks `ticket.status` once a second, each
request retried under its one id until answered (30 s), and prints what happens with the
time of CLOCK_MONOTONIC (the same clock in every process of the machine):
`up T`, `down T`, `answer T RID CODE`. Credentials come by environment, as from a bundle.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from hallui.children import popen

ROOT = Path(__file__).resolve().parents[2]


def main(url: str, device: str) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    bus = BusClient(BrokerSpec.from_url(url), "demo", device, retry_s=0.5)
    bus.on_connected = lambda up: print(f"{'up' if up else 'down'} {time.monotonic():.3f}", flush=True)
    bus.start()  # no wait: a device comes up before its broker
    n = 0
    while True:  # until SIGTERM
        n += 1
        rid = f"{device}-s{n}"
        r = bus.request("ticket.status", {"ticket": "Z999"}, timeout=30.0, request_id=rid)
        print(f"answer {time.monotonic():.3f} {rid} {r.error_code or 'ok'}", flush=True)
        time.sleep(1.0)  # a kiosk's pace, not a wait for anything


class DeviceProcess:
    """The device above as a child process; its printed lines are collected as they come."""

    def __init__(self, url: str, device: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.url, self.device, self.log, self.env = url, device, log, env or {}
        self.lines: list[tuple[str, float, list[str]]] = []
        self.changed = threading.Condition()

    def start(self) -> DeviceProcess:
        err = open(self.log, "ab")  # noqa: SIM115 - the process owns it
        self.proc = popen([sys.executable, "-m", "tests.support.bus_device", self.url, self.device], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **self.env},
                          stdout=subprocess.PIPE, stderr=err, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            what, at, *rest = line.split()
            with self.changed:
                self.lines.append((what, float(at), rest))
                self.changed.notify_all()

    def wait_for(self, what: str, after: float = 0.0, timeout: float = 10.0) -> tuple[float, list[str]]:
        """The first `what` line printed at or after the monotonic time `after`."""
        def found() -> tuple[float, list[str]] | None:
            return next(((at, rest) for w, at, rest in self.lines if w == what and at >= after), None)
        with self.changed:
            if not self.changed.wait_for(lambda: found() is not None or self.proc.poll() is not None, timeout):
                raise TimeoutError(f"{self.device} printed no {what!r} in {timeout}s: {self.lines[-5:]}")
            hit = found()
        assert hit is not None, f"{self.device} exited: {self.log.read_text()[-2000:]}"
        return hit

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
