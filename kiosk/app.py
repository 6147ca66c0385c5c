"""The Kivy app of the kiosk: binds the root widget to the controller, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from hallui.fonts import register_kivy_font
from kiosk.controller import KioskController
from kiosk.model import KioskView
from kiosk.screenshots import Screenshots
from kiosk.ui.root import KioskRoot, load_kv

BACKSPACE = 8


class KioskApp(App):
    def __init__(self, ctrl: KioskController, on_start: Callable[[], None], on_stop: Callable[[], None],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = "hallq kiosk"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.shots: Screenshots | None = None
        self.first_frame: Callable[[], None] | None = None

    def build(self) -> KioskRoot:
        register_kivy_font()
        load_kv()
        self.view_root = KioskRoot()
        if self.screenshot_dir is not None:
            self.shots = Screenshots(self.screenshot_dir, self.view_root.export_to_png,
                                     lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                                     Window.canvas.ask_update)
            Window.bind(on_flip=self.shots.frame_drawn)
        Window.bind(on_flip=self._flipped)
        # a hardware keyboard: its text (an input method's Chinese too) and backspace go to the search
        Window.bind(on_textinput=lambda _w, text: self.ctrl.type_text(text))
        Window.bind(on_key_down=self._key_down)
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), 1.0)
        Window.bind(on_resize=lambda *_a: Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0))
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.view_root

    def _flipped(self, *_a: Any) -> None:
        if self.first_frame is not None:
            fn, self.first_frame = self.first_frame, None
            fn()

    def _key_down(self, _window: Any, key: int, *_a: Any) -> bool:
        if key == BACKSPACE:
            self.ctrl.press_key("backspace")
            return True
        return False

    def _redraw(self, view: KioskView) -> None:
        self.view_root.show(view)
        if self.shots is not None:
            self.shots.request(view)

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
