"""The Kivy app every hall screen is: written once, each app says only what differs.

What lives here: the Chinese font, the `.kv` rules, the root widget drawn from the controller's
view on every change, the controller's tick, screenshots after each redraw (`--screenshot-dir`),
a hook on the first frame, and the I/O started with the app and stopped with it. An app is a
subclass naming its screenshot prefix, tick and root widget, and adding its own bindings
(keys, clock) in `extend`. Import only after `hallui.kivy_env.configure`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from hallui.fonts import register_kivy_font
from hallui.screenshots import Screenshots


def later(fn: Callable[[], None], delay: float) -> None:
    """Kivy's clock as the scheduler the screenshots take."""
    Clock.schedule_once(lambda _dt: fn(), delay)


class HallApp(App):
    prefix = "hall"  # screenshots' name prefix; the window title is "hallq <prefix>"
    tick_s = 1.0  # how often the controller's clock-driven state (timeouts, waits) is refreshed
    redraw_on_resize = False

    # `ctrl` is the screen's controller: it has `view`, `tick()` and an `on_change` the shell sets
    def __init__(self, ctrl: Any, on_start: Callable[[], object], on_stop: Callable[[], object],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = f"hallq {self.prefix}"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.shots: Any = None
        self.first_frame: Callable[[], None] | None = None  # called once, after the first frame is drawn

    # -- what an app says ---------------------------------------------------
    def load_rules(self) -> None:
        """Load the app's `.kv` rules (not Kivy's own `load_kv`, which Kivy calls by itself)."""
        raise NotImplementedError

    def make_root(self) -> Any:
        raise NotImplementedError

    def make_shots(self, folder: Path, export: Callable[[str], Any]) -> Any:
        return Screenshots(folder, self.prefix, export, later, poke=Window.canvas.ask_update)

    def summary(self, view: Any) -> dict[str, Any]:
        """What a screenshot shows, written beside it as JSON."""
        raise NotImplementedError

    def shoot(self, view: Any) -> None:
        self.shots.request(self.summary(view))

    def extend(self) -> None:
        """The app's own bindings (keys, a clock on screen), once the root exists."""

    # -- written once --------------------------------------------------------
    def build(self) -> Any:
        register_kivy_font()
        self.load_rules()
        self.view_root = self.make_root()
        if self.screenshot_dir is not None:
            self.shots = self.make_shots(self.screenshot_dir, self.view_root.export_to_png)
            Window.bind(on_flip=self.shots.frame_drawn)
        Window.bind(on_flip=self._flipped)
        self.extend()
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), self.tick_s)
        if self.redraw_on_resize:
            Window.bind(on_resize=lambda *_a: Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0))
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.view_root

    def _flipped(self, *_a: Any) -> None:
        if self.first_frame is not None:
            fn, self.first_frame = self.first_frame, None
            fn()

    def _redraw(self, view: Any) -> None:
        self.view_root.show(view)
        if self.shots is not None:
            self.shoot(view)

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
