"""A window console controller on the real bus, and waiting for what it shows."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from window_console.bus_feed import attach
from window_console.controller import WindowController


class FakeSign:
    """Records what the console asked the LED sign to show; `broken` makes every write fail."""

    def __init__(self, broken: bool = False) -> None:
        self.shown: list[str] = []
        self.broken = broken

    def show(self, text: str) -> None:
        if self.broken:
            raise OSError("sign unplugged")
        self.shown.append(text)

    def clear(self) -> None:
        if self.broken:
            raise OSError("sign unplugged")
        self.shown.append("")


def wait_for(pred: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = pred()
        if got:
            return got
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what or pred}")


def console(bus: Callable[[str], Any], window: str = "win-05", sign: Any = None) -> WindowController:
    """A controller wired like the app (minus Kivy), connected and resumed."""
    client = bus(window)
    ctrl = WindowController(window, client, time.time, sign=sign)
    attach(client, ctrl)
    ctrl.on_connection(True)  # the client connected before attach: replay what the app sees
    wait_for(lambda: ctrl.status != "unknown" and ctrl.group_names, what="window state and catalog")
    return ctrl


def run(ctrl: WindowController, fn: Callable[[], bool], timeout: float = 5.0) -> WindowController:
    """Do one action and wait for its answer."""
    before = ctrl.answers
    assert fn() is True, ctrl.message
    wait_for(lambda: ctrl.answers > before and ctrl.busy is None, timeout, "the answer")
    return ctrl
