from typing import Any

from kivy.uix.widget import Widget

class Label(Widget):
    font_name: Any  # also set on the class, as the apps' default font
