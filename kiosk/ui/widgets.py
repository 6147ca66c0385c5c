"""Small shared widgets and the base screen: a button that knows its action, a screen with a scale."""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.button import Button
from kivy.uix.screenmanager import Screen

from kiosk.model import KioskView


class KButton(Button):
    selected = BooleanProperty(False)
    action = StringProperty("")  # what it does, for support staff and the UI test driver


class KScreen(Screen):
    unit = NumericProperty(720)
    scale = NumericProperty(1.0)
    lang = StringProperty("zh")

    def show(self, view: KioskView, unit: float) -> None:
        self.lang, self.unit, self.scale = view.lang, unit, 1.35 if view.large else 1.0
        self.fill(view)

    def fill(self, view: KioskView) -> None:
        """Copy what this screen shows from the view."""
