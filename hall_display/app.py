"""The Kivy app of the hall display: binds the screen to the controller, nothing more."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from hall_display.controller import DisplayController
from hall_display.model import DisplayView
from hall_display.screen import DisplayScreen, load_kv
from hallui.fonts import register_kivy_font
from hallui.screenshots import Screenshots


def summary(view: DisplayView) -> dict[str, Any]:
    """What a screenshot shows, for tests and support staff."""
    return {"version": view.version, "hall": view.hall_name.zh, "offline": view.offline,
            "current": view.current.ticket if view.current else None,
            "window": view.current.window if view.current else None, "highlight": view.highlight,
            "recent": [c.ticket for c in view.recent], "groups": {g.code: g.waiting for g in view.groups}}


class DisplayApp(App):
    def __init__(self, ctrl: DisplayController, on_start: Callable[[], None], on_stop: Callable[[], None],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = "hallq display"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.shots: Screenshots | None = None

    def build(self) -> DisplayScreen:
        register_kivy_font()
        load_kv()
        self.screen = DisplayScreen()
        if self.screenshot_dir is not None:
            self.shots = Screenshots(self.screenshot_dir, "display", self.screen.export_to_png,
                                     lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                                     poke=Window.canvas.ask_update)
            Window.bind(on_flip=self.shots.frame_drawn)
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), 0.25)
        Clock.schedule_interval(lambda _dt: self._show_clock(), 1.0)
        Window.bind(on_resize=lambda *_a: Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0))
        self._show_clock()
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.screen

    def _show_clock(self) -> None:
        self.screen.show_clock(self.ctrl.hall_time.at(time.time()))  # hall time, not the machine's

    def _redraw(self, view: DisplayView) -> None:
        self.screen.show(view)
        if self.shots is not None:
            self.shots.request(summary(view))

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
