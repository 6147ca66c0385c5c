"""The Kivy app of the kiosk: binds the root widget to the controller, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.core.window import Window

from hallui.shell import HallApp, later
from kiosk.screenshots import Screenshots
from kiosk.ui.root import KioskRoot, load_kv


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
