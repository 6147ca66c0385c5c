"""The evaluator's Kivy screens (one .kv each under kv/); they show a view and forward touches."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.button import Button
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from evaluator import texts
from evaluator.levels import LEVELS, REASONS
from evaluator.model import EvalView, Phase

KV_DIR = Path(__file__).with_name("kv")
KV_FILES = ("common.kv", "idle.kv", "rating.kv", "reasons.kv", "thanks.kv")


class Actions(Protocol):
    def choose(self, score: int) -> None: ...
    def toggle(self, reason: str) -> None: ...
    def submit_reasons(self) -> None: ...


class ChoiceButton(Button):
    fill = ListProperty([0.2, 0.4, 0.7, 1])
    chosen = BooleanProperty(False)
    scale = NumericProperty(1.0)


class IdleScreen(Screen):
    label = StringProperty("")
    serving = StringProperty("")
    status = StringProperty("")


class RatingScreen(Screen):
    prompt = StringProperty("")

    def build(self, actions: Actions) -> None:
        for score, level in LEVELS.items():
            btn = ChoiceButton(text=f"{level.zh}\n{level.en}", fill=list(level.color))
            btn.bind(on_release=lambda _b, s=score: actions.choose(s))
            self.ids.choices.add_widget(btn)


class ReasonsScreen(Screen):
    def build(self, actions: Actions) -> None:
        self.actions = actions
        self.buttons: dict[str, ChoiceButton] = {}
        for n, reason in enumerate(REASONS, 1):
            btn = ChoiceButton(text=f"{n}\n{reason.zh}\n{reason.en}", fill=[0.45, 0.5, 0.6, 1], scale=0.8)
            btn.bind(on_release=lambda _b, code=reason.code: actions.toggle(code))
            self.buttons[reason.code] = btn
            self.ids.choices.add_widget(btn)

    def submit(self) -> None:
        self.actions.submit_reasons()


class ThanksScreen(Screen):
    text = StringProperty("")


class EvaluatorRoot(ScreenManager):
    def __init__(self, actions: Actions, **kwargs: Any) -> None:
        super().__init__(transition=NoTransition(), **kwargs)
        self.idle, self.rating, self.reasons, self.thanks = (
            IdleScreen(name="idle"), RatingScreen(name="rating"), ReasonsScreen(name="reasons"), ThanksScreen(name="thanks"))
        self.rating.build(actions)
        self.reasons.build(actions)
        for s in (self.idle, self.rating, self.reasons, self.thanks):
            self.add_widget(s)

    def show(self, view: EvalView) -> None:
        self.idle.label, self.idle.serving, self.idle.status = texts.label(view), texts.serving(view), texts.status(view)
        self.rating.prompt = texts.prompt(view)
        for code, btn in self.reasons.buttons.items():
            btn.chosen = code in view.reasons
        self.thanks.text = texts.after(view)
        screen = {Phase.IDLE: "idle", Phase.RATING: "rating", Phase.REASONS: "reasons"}.get(view.phase, "thanks")
        if self.current != screen:
            self.current = screen


def load_kv() -> None:
    for name in KV_FILES:
        Builder.load_file(str(KV_DIR / name))
