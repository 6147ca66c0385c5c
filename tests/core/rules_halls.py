"""The demo hall with a `[rules]` table of the test's choosing (hall-file text, as a hall would write it)."""

from __future__ import annotations

from importlib import resources

from hallcore.hall import Hall
from hallcore.hallfile import parse_hall
from tests.core.conftest import T0

DEMO = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")


def rules_text(rules: str) -> str:
    return f"{DEMO}\n[rules]\n{rules}\n"


def hall_with_rules(rules: str, start: float = T0) -> Hall:
    h = Hall(parse_hall(rules_text(rules), "hall.toml"))
    h.roll_day(start)
    return h
