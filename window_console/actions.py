"""The clerk's actions as data: the bus operation, the keyboard shortcut, the button's words.

`action_for_key` maps a Kivy key-down (SDL keycode, modifiers) to an action name; it is pure
so the shortcuts are tested without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hallcore.model import Name

F1 = 282  # SDL keycodes of F1..F12 are 282..293


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    op: str | None  # None: the controller chooses (open/pause) or a dialog asks first
    shortcut: str  # as shown on the button
    key: int  # SDL keycode
    ctrl: bool
    label: Name


ACTIONS: tuple[Action, ...] = (
    Action("call_next", "call.next", "F1", F1, False, Name("叫号", "Call next")),
    Action("recall", "call.recall", "F2", F1 + 1, False, Name("重呼", "Recall")),
    Action("serve", "ticket.serve", "F3", F1 + 2, False, Name("开始办理", "Serve")),
    Action("finish", "ticket.finish", "F4", F1 + 3, False, Name("办结", "Finish")),
    Action("no_show", "ticket.no_show", "F5", F1 + 4, False, Name("过号", "No-show")),
    Action("transfer", None, "F6", F1 + 5, False, Name("转办", "Transfer")),
    Action("call_number", None, "Ctrl+N", ord("n"), True, Name("指定叫号", "Call number")),
    Action("toggle_open", None, "F9", F1 + 8, False, Name("开窗/暂停", "Open/Pause")),
    Action("close", "window.close", "F10", F1 + 9, False, Name("关窗", "Close")),
)
BY_NAME = {a.name: a for a in ACTIONS}


def action_for_key(key: int, modifiers: Iterable[str]) -> str | None:
    ctrl = "ctrl" in set(modifiers)
    for a in ACTIONS:
        if a.key == key and a.ctrl == ctrl:
            return a.name
    return None


def button_text(a: Action) -> str:
    return f"{a.label.zh}  [{a.shortcut}]\n{a.label.en}"
