"""The Kivy app of the hall display: binds the screen to the controller, nothing more."""

from __future__ import annotations

import time
from typing import Any

from kivy.clock import Clock

from hall_display.model import DisplayView
from hall_display.screen import DisplayScreen, load_kv
from hallui.shell import HallApp


def summary(view: DisplayView) -> dict[str, Any]:
    """What a screenshot shows, for tests and support staff."""
    return {"version": view.version, "hall": view.hall_name.zh, "offline": view.offline,
            "current": view.current.ticket if view.current else None,
            "window": view.current.window if view.current else None, "highlight": view.highlight,
            "recent": [c.ticket for c in view.recent], "groups": {g.code: g.waiting for g in view.groups}}


class DisplayApp(HallApp):
    prefix, tick_s, redraw_on_resize = "display", 0.25, True

    def load_rules(self) -> None:
        load_kv()

    def make_root(self) -> DisplayScreen:
        return DisplayScreen()

    def summary(self, view: Any) -> dict[str, Any]:
        return summary(view)

    def extend(self) -> None:
        Clock.schedule_interval(lambda _dt: self._show_clock(), 1.0)
        self._show_clock()

    def _show_clock(self) -> None:
        self.view_root.show_clock(self.ctrl.hall_time.at(time.time()))  # hall time, not the machine's
