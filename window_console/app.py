"""The window console's Kivy app: binds the screen and the keyboard to the controller."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from hallui.fonts import register_kivy_font
from hallui.screenshots import Screenshots
from window_console.actions import action_for_key
from window_console.controller import WindowController
from window_console.model import ConsoleView
from window_console.screen import ConsoleRoot, load_kv

ESCAPE = 27
ARROWS = {273: -1, 274: 1}  # SDL up, down


def summary(view: ConsoleView) -> dict[str, Any]:
    """What a screenshot shows (no citizen's name)."""
    t = view.ticket
    return {"version": view.version, "window": view.window, "status": view.status, "online": view.online,
            "ticket": t.number if t else None, "ticket_status": t.status if t else None, "busy": view.busy,
            "message": [view.message.kind, view.message.code] if view.message else None,
            "groups": {g.code: g.waiting for g in view.groups}, "sign": view.sign,
            "undo": view.undo_s is not None}


class WindowConsoleApp(App):
    def __init__(self, ctrl: WindowController, on_start: Callable[[], None], on_stop: Callable[[], None],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = f"hallq window {ctrl.window}"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.shots: Screenshots | None = None
        self._shot_version = -1

    def build(self) -> ConsoleRoot:
        register_kivy_font()
        load_kv()
        self.root_widget = ConsoleRoot(self.ctrl)
        if self.screenshot_dir is not None:
            self.shots = Screenshots(self.screenshot_dir, "window", self.root_widget.export_to_png,
                                     lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                                     poke=Window.canvas.ask_update)
            Window.bind(on_flip=self.shots.frame_drawn)
        Window.bind(on_key_down=self._key)
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), 0.5)  # the no-show's undo counts down
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.root_widget

    def _key(self, _window: Any, key: int, _scancode: int, _codepoint: str | None, modifiers: list[str]) -> bool:
        dialog = self.root_widget.dialog
        if key == ESCAPE:  # Escape closes a dialog or undoes a pending no-show, never quits
            if dialog is not None:
                dialog.dismiss()
            else:
                self.ctrl.undo()
            return True
        if dialog is not None:
            if key in ARROWS and hasattr(dialog, "step_group"):
                dialog.step_group(ARROWS[key])
                return True
            return False  # the dialog's text fields get the keys
        name = action_for_key(key, modifiers)
        if name is None:
            return False
        self.root_widget.trigger(name)
        return True

    def _redraw(self, view: ConsoleView) -> None:
        self.root_widget.show(view)
        if self.shots is not None and view.version != self._shot_version:
            self._shot_version = view.version
            self.shots.request(summary(view))

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
