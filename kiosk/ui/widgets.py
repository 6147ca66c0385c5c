"""Small shared widgets and the base screen: labels and buttons whose text always fits, a button
that knows its action, a screen with a scale."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen

from kiosk.model import KioskView

SMALLEST = 0.4  # a text never shrinks below this share of its asked size (the layout leaves room first)
STEP = 0.94
_FITTED: dict[tuple[Any, ...], float] = {}


def broken_words(text: str, lines: Any) -> list[str]:
    """Latin words Kivy had to split over two lines ("Norm" / "al"): a sign the font is too big.
    (Chinese wraps between any two characters, as it is written.)"""
    drawn = ["".join(word.text for word in line.words) for line in lines]
    return [t for t in text.split() if t.isascii() and not any(t in d for d in drawn)]


class FitText:
    """Draws the whole text in the widget's box: `want_size` is the asked font size, and
    `font_size` is lowered from it in small steps until the wrapped text fits. Kivy's own label
    drops the lines that do not fit (the first ones when centred), so a long message in two
    languages lost its Chinese half; shrinking a little keeps every word."""

    want_size = NumericProperty(0)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._refit = Clock.create_trigger(self._fit, -1)
        for prop in ("text", "size", "want_size", "bold"):
            self.fbind(prop, self._refit)  # type: ignore[attr-defined]

    def _fit(self, *_a: Any) -> None:
        w: Any = self
        want = float(w.want_size or w.font_size)
        size = want
        if w.text and w.width > 1 and w.height > 1:
            key = (w.text, w.font_name, w.bold, w.halign, w.valign, round(want, 1), round(w.width), round(w.height),
                   tuple(w.text_size) if w.text_size else None)
            size = _FITTED.get(key, 0.0)
            if not size:  # the same label in the same box fits the same: measure once per kiosk run
                size = want
                while size > want * SMALLEST and not self._fits(size):
                    size *= STEP
                if len(_FITTED) > 4096:
                    _FITTED.clear()
                _FITTED[key] = size
        w.font_size = size

    def _fits(self, size: float) -> bool:
        """The whole wrapped text is no bigger than the box, and laid out as Kivy will draw it
        (in the box) every word is there: Kivy's own fit check rounds differently."""
        w: Any = self
        box = tuple(w.text_size) if w.text_size else (None, None)
        free = self._layout(size, (box[0], None))
        need_w, need_h = free._internal_size
        if need_h > w.height or need_w > w.width or broken_words(w.text, free._cached_lines):
            return False
        if box[1] is None:
            return True
        drawn = "".join(word.text for line in self._layout(size, box)._cached_lines for word in line.words)
        return "".join(drawn.split()) == "".join(w.text.split())

    def _layout(self, size: float, box: tuple[Any, Any]) -> Any:
        w: Any = self
        core = CoreLabel(text=w.text, font_size=size, font_name=w.font_name, bold=w.bold, halign=w.halign,
                         valign=w.valign, text_size=box, padding=w.padding, line_height=w.line_height)
        core.resolve_font_name()
        core.render()  # the layout only: no texture is made for a measurement
        return core


class KLabel(FitText, Label):
    pass


class KButton(FitText, Button):
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
