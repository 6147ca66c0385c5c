"""The window console's Kivy app: binds the screen and the keyboard to the controller."""

from __future__ import annotations

from typing import Any

from kivy.core.window import Window

from hallui.shell import HallApp
from window_console.actions import action_for_key
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


class WindowConsoleApp(HallApp):
    prefix, tick_s = "window", 0.5  # the no-show's undo counts down

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = f"hallq window {self.ctrl.window}"
        self._shot_version = -1

    def load_rules(self) -> None:
        load_kv()

    def make_root(self) -> ConsoleRoot:
        return ConsoleRoot(self.ctrl)

    def summary(self, view: Any) -> dict[str, Any]:
        return summary(view)

    def shoot(self, view: Any) -> None:
        if view.version != self._shot_version:  # a tick redraws the clocks: no picture for that
            self._shot_version = view.version
            super().shoot(view)

    def extend(self) -> None:
        Window.bind(on_key_down=self._key)

    def _key(self, _window: Any, key: int, _scancode: int, _codepoint: str | None, modifiers: list[str]) -> bool:
        dialog = self.view_root.dialog
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
        self.view_root.trigger(name)
        return True
