"""The `[rules]` table of a hall file (docs/hall-file.md), read with the hall file's own
reader so that every problem names its file, line and field."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hallcore.rules_config import CallingRule, Cap, MissedCalls, Rules

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
    auto = r.get(rules, "rules", None, "auto_last_ticket", bool, False)
    if auto and closes is None:
        r.fail("rules", None, "auto_last_ticket", "needs closes (the closing time it counts back from)")
    cap = positive(r, rules, "rules", None, "wait_cap_min", float, None)
    paused = positive(r, rules, "rules", None, "paused_alert_min", float, 15.0)
    return Rules(opens_min=opens, closes_min=closes, park_limit_s=60 * float(park if park is not None else 60.0),
                 missed=_missed(r, rules.get("missed_calls")), auto_last_ticket=bool(auto),
                 caps=tuple(_caps(r, rules.get("caps", []), groups, matters)),
                 wait_cap_s=None if cap is None else 60 * cap,
                 calling=_calling(r, rules.get("calling", []), groups, windows),
                 paused_alert_s=60 * (paused if paused is not None else 15.0))


def _calling(r: _Reader, items: Any, groups: set[str], windows: set[str]) -> dict[str, CallingRule]:
    t, out = "rules.calling", dict[str, CallingRule]()
    if not isinstance(items, list):
        r.fail(t, None, None, "must be [[rules.calling]] tables")
        return out
    for i, c in enumerate(items):
        w = r.get(c, t, i, "window", str)
        if w is not None and w not in windows:
            r.fail(t, i, "window", f"unknown window {w!r}")
        elif w in out:
            r.fail(t, i, "window", f"{w!r} already has a calling rule")
        prefer = r.get(c, t, i, "prefer", list, [])
        for g in prefer or []:
            if g not in groups:
                r.fail(t, i, "prefer", f"unknown group {g!r}")
        ratio = r.get(c, t, i, "ratio", list, None)
        if ratio is not None and (len(ratio) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                                             and x > 0 for x in ratio)):
            r.fail(t, i, "ratio", "must be [normal, priority], two whole numbers above zero")
            ratio = None
        if w is not None:
            out[w] = CallingRule(w, tuple(prefer or ()), (ratio[0], ratio[1]) if ratio else None)
    return out


def _caps(r: _Reader, caps: Any, groups: set[str], matters: set[str]) -> list[Cap]:
    t, out = "rules.caps", list[Cap]()
    if not isinstance(caps, list):
        r.fail(t, None, None, "must be [[rules.caps]] tables")
        return out
    for i, c in enumerate(caps):
        group, matter = r.get(c, t, i, "group", str, None), r.get(c, t, i, "matter", str, None)
        if (group is None) == (matter is None):
            r.fail(t, i, None, "give exactly one of group or matter")
        if group is not None and group not in groups:
            r.fail(t, i, "group", f"unknown group {group!r}")
        if matter is not None and matter not in matters:
            r.fail(t, i, "matter", f"unknown matter {matter!r}")
        daily = positive(r, c, t, i, "daily", int, None)
        share = positive(r, c, t, i, "appointment_share", float, 0.0) or 0.0
        if share > 1:
            r.fail(t, i, "appointment_share", "is a share of daily: 0 to 1")
        last = time_of_day(r, c, t, i, "last_ticket")
        if daily is None and last is None:
            r.fail(t, i, None, "set daily, last_ticket or both")
        out.append(Cap(group, matter, daily, share, last))
    return out


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
