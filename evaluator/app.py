"""The Kivy app of the evaluator: binds the screens to the controller, nothing more."""

from __future__ import annotations

from typing import Any

from evaluator.model import EvalView
from evaluator.screens import EvaluatorRoot, load_kv
from hallui.shell import HallApp


def summary(view: EvalView) -> dict[str, Any]:
    """What a screenshot shows (never anything about the person rating)."""
    return {"version": view.version, "phase": str(view.phase), "window": view.window.id,
            "serving": view.window.ticket, "ticket": view.ticket, "score": view.score,
            "reasons": list(view.reasons), "message": view.message, "online": view.online}


class EvaluatorApp(HallApp):
    prefix, tick_s = "evaluator", 0.25

    def load_rules(self) -> None:
        load_kv()

    def make_root(self) -> EvaluatorRoot:
        return EvaluatorRoot(self.ctrl)

    def summary(self, view: Any) -> dict[str, Any]:
        return summary(view)
