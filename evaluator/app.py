"""The Kivy app of the evaluator: binds the screens to the controller, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from evaluator.controller import EvaluatorController
from evaluator.model import EvalView
from evaluator.screens import EvaluatorRoot, load_kv
from hallui.fonts import register_kivy_font
from hallui.screenshots import Screenshots


def summary(view: EvalView) -> dict[str, Any]:
    """What a screenshot shows (never anything about the person rating)."""
    return {"version": view.version, "phase": str(view.phase), "window": view.window.id,
            "serving": view.window.ticket, "ticket": view.ticket, "score": view.score,
            "reasons": list(view.reasons), "message": view.message, "online": view.online}


class EvaluatorApp(App):
    def __init__(self, ctrl: EvaluatorController, on_start: Callable[[], None], on_stop: Callable[[], None],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = "hallq evaluator"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.shots: Screenshots | None = None

    def build(self) -> EvaluatorRoot:
        register_kivy_font()
        load_kv()
        self.root_widget = EvaluatorRoot(self.ctrl)
        if self.screenshot_dir is not None:
            self.shots = Screenshots(self.screenshot_dir, "evaluator", self.root_widget.export_to_png,
                                     lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                                     poke=Window.canvas.ask_update)
            Window.bind(on_flip=self.shots.frame_drawn)
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), 0.25)
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.root_widget

    def _redraw(self, view: EvalView) -> None:
        self.root_widget.show(view)
        if self.shots is not None:
            self.shots.request(summary(view))

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
