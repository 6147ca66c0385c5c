"""Hand-written fakes for pure controller tests: a printer queue, a recording issuer, a clock,
and a pump that plays the UI thread for callbacks posted from other threads."""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable
from typing import Any

from kiosk.ports import PrintDone, TicketSlip


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, s: float) -> None:
        self.t += s


class FakePrinter:
    """Prints at once; `fail` makes the next prints fail with `fail_status`."""

    def __init__(self) -> None:
        self.slips: list[TicketSlip] = []
        self.fail = False
        self.fail_status = "paper_out"

    def submit(self, slip: TicketSlip, done: PrintDone) -> None:
        if self.fail:
            done(False, self.fail_status)
        else:
            self.slips.append(slip)
            done(True, "ok")


class RecordingIssuer:
    """For navigation tests that never reach the server: records what would be asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], str | None]] = []
        self.callbacks: list[Callable[[Any], None]] = []

    def request_async(self, op: str, args: dict[str, Any] | None = None,
                      callback: Callable[[Any], None] | None = None, timeout: float = 10.0,
                      request_id: str | None = None) -> str:
        self.calls.append((op, dict(args or {}), request_id))
        if callback is not None:
            self.callbacks.append(callback)
        return request_id or "rid"


class Pump:
    """`post` for the controller: callbacks from paho's thread wait here for the test thread."""

    def __init__(self) -> None:
        self.q: queue.Queue[Callable[[], None]] = queue.Queue()

    def post(self, fn: Callable[..., None]) -> Callable[..., None]:
        def call(*args: Any) -> None:
            self.q.put(lambda: fn(*args))
        return call

    def until(self, cond: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("condition not reached in time")
            with contextlib.suppress(queue.Empty):
                self.q.get(timeout=min(left, 0.05))()

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            with contextlib.suppress(queue.Empty):
                self.q.get(timeout=0.02)()
