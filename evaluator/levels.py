"""The five levels of the national 好差评 scale and the reasons offered after a bad rating."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    zh: str
    en: str
    color: tuple[float, float, float, float] = (0.2, 0.4, 0.7, 1)


LEVELS: dict[int, Choice] = {  # score -> level, best first on the screen
    5: Choice("5", "非常满意", "Very satisfied", (0.13, 0.55, 0.29, 1)),
    4: Choice("4", "满意", "Satisfied", (0.36, 0.62, 0.25, 1)),
    3: Choice("3", "基本满意", "Fair", (0.75, 0.6, 0.1, 1)),
    2: Choice("2", "不满意", "Dissatisfied", (0.85, 0.4, 0.12, 1)),
    1: Choice("1", "非常不满意", "Very dissatisfied", (0.78, 0.15, 0.15, 1)),
}
BAD_MAX = 2  # a score at or below this asks for reasons

REASONS: tuple[Choice, ...] = (
    Choice("long_wait", "等候时间长", "Long wait"),
    Choice("attitude", "态度不好", "Attitude"),
    Choice("slow", "办事效率低", "Slow"),
    Choice("unclear_requirements", "材料要求不清", "Unclear requirements"),
    Choice("other", "其他", "Other"),
)
REASON_CODES = tuple(r.code for r in REASONS)
