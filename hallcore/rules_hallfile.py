"""The `[rules]` table of a hall file (docs/hall-file.md), read with the hall file's own
reader so that every problem names its file, line and field."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hallcore.rules_config import MissedCalls, Rules

if TYPE_CHECKING:
    from hallcore.hallfile import _Reader

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def time_of_day(r: _Reader, data: dict[str, Any], table: str, index: int | None, key: str) -> int | None:
    """`"HH:MM"` as minutes after local midnight; None when absent."""
    text = r.get(data, table, index, key, str, None, pattern=HHMM)
    if not isinstance(text, str) or not HHMM.match(text):
        return None
    hh, mm = text.split(":")
    return int(hh) * 60 + int(mm)


def positive(r: _Reader, data: dict[str, Any], table: str, index: int | None, key: str, kind: type,
             default: Any) -> Any:
    v = r.get(data, table, index, key, kind, default)
    if v is not None and v < 0:
        r.fail(table, index, key, "must not be negative")
        return default
    return v


def parse_rules(r: _Reader, data: dict[str, Any], groups: set[str], matters: set[str],
                windows: set[str]) -> Rules:
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        r.fail("rules", None, None, "must be a table")
        return Rules()
    opens, closes = time_of_day(r, rules, "rules", None, "opens"), time_of_day(r, rules, "rules", None, "closes")
    if opens is not None and closes is not None and closes <= opens:
        r.fail("rules", None, "closes", "must be after opens")
    park = positive(r, rules, "rules", None, "park_limit_min", float, 60.0)
    return Rules(opens_min=opens, closes_min=closes, park_limit_s=60 * float(park or 60.0),
                 missed=_missed(r, rules.get("missed_calls")))


def _missed(r: _Reader, m: Any) -> MissedCalls | None:
    if m is None:
        return None
    t = "rules.missed_calls"
    if not isinstance(m, dict):
        r.fail(t, None, None, "must be a table")
        return None
    d = MissedCalls()
    back = m.get("back", d.places)
    if back != "tail" and (not isinstance(back, int) or isinstance(back, bool) or back < 0):
        r.fail(t, None, "back", f"must be \"tail\" or a number of places behind the head, not {back!r}")
        back = d.places
    every = positive(r, m, t, None, "every_s", float, d.every_s)
    if every == 0:
        r.fail(t, None, "every_s", "must be above zero")
    return MissedCalls(recalls=positive(r, m, t, None, "recalls", int, d.recalls), every_s=every or d.every_s,
                       reactivate_s=60 * (positive(r, m, t, None, "reactivate_min", float, 0.0) or 0.0),
                       places=None if back == "tail" else back)
