"""The Kivy app of the kiosk: binds the root widget to the controller, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.core.window import Window

from hallui.shell import HallApp, later
from kiosk.screenshots import Screenshots
from kiosk.ui.root import KioskRoot, load_kv

BACKSPACE = 8


class KioskApp(HallApp):
    prefix, redraw_on_resize = "kiosk", True

    def load_rules(self) -> None:
        load_kv()

    def make_root(self) -> KioskRoot:
        return KioskRoot()

    def make_shots(self, folder: Path, export: Callable[[str], Any]) -> Screenshots:
        return Screenshots(folder, export, later, Window.canvas.ask_update)  # one per screen, named by it

    def shoot(self, view: Any) -> None:
        self.shots.request(view)

    def extend(self) -> None:
        # a hardware keyboard: its text (an input method's Chinese too) and backspace go to the search
        Window.bind(on_textinput=lambda _w, text: self.ctrl.type_text(text))
        Window.bind(on_key_down=self._key_down)

    def _key_down(self, _window: Any, key: int, *_a: Any) -> bool:
        if key == BACKSPACE:
            self.ctrl.press_key("backspace")
            return True
        return False
