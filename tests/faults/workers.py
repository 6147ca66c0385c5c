"""Simulated devices for the fault suite: each its own BusClient, each request retried under one id."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from hallbus.client import BusClient
from hallbus.envelope import Response
from hallbus.errors import UNAVAILABLE
from hallbus.mqtt import BrokerSpec

MATTERS = ("hukou-transfer", "pension-certify", "resident-id-renew")  # all served by win-01..05
WINDOWS = tuple(f"win-0{i}" for i in range(1, 6))


def connect(url: str, device: str) -> BusClient:
    return BusClient(BrokerSpec.from_url(url), "demo", device, retry_s=0.5).start(wait=10)


def until_answered(c: BusClient, op: str, args: dict[str, object] | None, rid: str, stop: threading.Event,
                   tries: list[int]) -> Response | None:
    """The same request id again and again until the server answers (or the run is stopped)."""
    while not stop.is_set():
        tries[0] += 1
        r = c.request(op, args, timeout=5.0, request_id=rid)
        if r.error_code != UNAVAILABLE:
            return r
    return None


@dataclass
class Kiosk:
    url: str
    device: str
    count: int
    tag: str = "t"
    answers: dict[str, Response] = field(default_factory=dict)  # request id -> the answer it got
    tries: list[int] = field(default_factory=lambda: [0])

    def run(self, stop: threading.Event) -> None:
        c = connect(self.url, self.device)
        try:
            for i in range(self.count):
                rid = f"{self.device}-{self.tag}{i}"
                r = until_answered(c, "ticket.issue", {"matter": MATTERS[i % len(MATTERS)]}, rid, stop, self.tries)
                if r is None:
                    return
                self.answers[rid] = r
        finally:
            c.stop()


@dataclass
class WindowClerk:
    url: str
    device: str
    calls: list[tuple[str, str]] = field(default_factory=list)  # (request id, number called)
    anomalies: list[str] = field(default_factory=list)
    tries: list[int] = field(default_factory=lambda: [0])

    def run(self, stop: threading.Event) -> None:
        c = connect(self.url, self.device)
        n = 0
        try:
            self._ask(c, "window.open", f"{self.device}-open-0", stop)
            while not stop.is_set():
                n += 1
                r = self._ask(c, "call.next", f"{self.device}-c{n}", stop)
                if r is None:
                    return
                if r.ok and r.result["ticket"] is None:
                    time.sleep(0.05)
                    continue
                if not r.ok:
                    self.anomalies.append(f"call.next {n}: {r.error_code} {r.error_message}")
                    if r.error_code == "window_closed":
                        self._ask(c, "window.open", f"{self.device}-open-{n}", stop)
                    if r.error_code == "ticket_in_progress":
                        self._ask(c, "ticket.finish", f"{self.device}-fx{n}", stop)
                    continue
                self.calls.append((f"{self.device}-c{n}", r.result["ticket"]["number"]))
                f = self._ask(c, "ticket.finish", f"{self.device}-f{n}", stop)
                if f is not None and not f.ok:
                    self.anomalies.append(f"finish {n}: {f.error_code} {f.error_message}")
        finally:
            c.stop()

    def _ask(self, c: BusClient, op: str, rid: str, stop: threading.Event) -> Response | None:
        return until_answered(c, op, None, rid, stop, self.tries)
