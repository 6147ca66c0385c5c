"""What is said for a call, in Mandarin then English, as text (for a synthesiser) and as
clip tokens (for a hall's pre-recorded voice). Ticket characters are spelt one by one:
"A023" is "A 零 二 三", never "A 二十三".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hall_display.model import Call

ZH_DIGITS = "零一二三四五六七八九"
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, slots=True)
class Utterance:
    lang: str  # "zh" or "en"
    text: str
    tokens: tuple[str, ...]  # clip names: phrases (e.g. "please") and single characters ("A", "0")


def window_number(call: Call) -> str:
    """The window's number as said aloud: from its English label ("Window 5"), else its id ("win-05")."""
    for source in (call.label.en, call.label.zh, call.window):
        m = re.search(r"\d+", source)
        if m:
            return str(int(m.group()))
    return ""


def spell_zh(ticket: str) -> str:
    return " ".join(ZH_DIGITS[int(c)] if c.isdigit() else c.upper() for c in ticket)


def spell_en(ticket: str) -> str:
    return ", ".join(EN_DIGITS[int(c)] if c.isdigit() else c.upper() for c in ticket)


def utterances(call: Call) -> tuple[Utterance, Utterance]:
    """请 A 零 二 三 号到 5 号窗口办理 / Number A, zero, two, three, please go to window 5."""
    chars = tuple(c.upper() for c in call.ticket if c.isalnum())
    num = window_number(call)
    if num:
        zh = f"请 {spell_zh(call.ticket)} 号到 {num} 号窗口办理"
        en = f"Number {spell_en(call.ticket)}, please go to window {num}"
        zh_tokens = ("please", *chars, "to_window", f"n{num}", "window_end")
        en_tokens = ("number", *chars, "please_go_to_window", f"n{num}")
    else:  # a window without a number: say its label
        zh = f"请 {spell_zh(call.ticket)} 号到 {call.label.zh} 办理"
        en = f"Number {spell_en(call.ticket)}, please go to {call.label.en}"
        zh_tokens = ("please", *chars, "to_window", "window_end")
        en_tokens = ("number", *chars, "please_go_to_window")
    return Utterance("zh", zh, zh_tokens), Utterance("en", en, en_tokens)
