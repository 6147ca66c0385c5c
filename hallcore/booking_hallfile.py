"""The `[booking]` table of a hall file, read with the hall file's own reader so that every
problem names its file, line and field (docs/hall-file.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from hallcore.booking_rules import WEEKDAYS, BookingRules, GroupBooking, NoShowRule

if TYPE_CHECKING:
    from hallcore.hallfile import _Reader

SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def _span(text: Any) -> tuple[int, int] | None:
    m = SPAN.match(text) if isinstance(text, str) else None
    if m is None:
        return None
    a, b = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
    return (a, b) if a < b <= 1440 else None


def _number(r: _Reader, d: dict[str, Any], t: str, i: int | None, key: str, kind: type, dflt: Any,
            low: float) -> Any:
    v = r.get(d, t, i, key, kind, dflt)
    if v is None:
        return dflt
    if v < low:
        r.fail(t, i, key, f"must be at least {low:g}")
        return dflt
    return v


def _hours(r: _Reader, g: dict[str, Any], t: str, i: int) -> dict[int, tuple[tuple[int, int], ...]]:
    raw = r.get(g, t, i, "hours", dict, None)
    out: dict[int, tuple[tuple[int, int], ...]] = {}
    if raw is None:
        if "hours" not in g:
            r.fail(t, i, "hours", "is required: e.g. hours = { mon = [\"09:00-12:00\", \"13:30-17:00\"] }")
        return out
    for day, spans in raw.items():
        if day not in WEEKDAYS:
            r.fail(t, i, "hours", f"unknown weekday {day!r}: use {', '.join(WEEKDAYS)}")
            continue
        if not isinstance(spans, list):
            r.fail(t, i, "hours", f"{day} must be a list of \"HH:MM-HH:MM\"")
            continue
        parsed = []
        for s in spans:
            p = _span(s)
            if p is None:
                r.fail(t, i, "hours", f"{day}: {s!r} is not \"HH:MM-HH:MM\" with the end after the start")
            else:
                parsed.append(p)
        parsed.sort()
        if any(b[0] < a[1] for a, b in zip(parsed, parsed[1:], strict=False)):
            r.fail(t, i, "hours", f"{day}: spans overlap")
        out[WEEKDAYS.index(day)] = tuple(parsed)
    return out


def parse_booking(r: _Reader, data: dict[str, Any], groups: set[str]) -> BookingRules:
    b = data.get("booking", {})
    if not isinstance(b, dict):
        r.fail("booking", None, None, "must be a table")
        return BookingRules()
    t, out = "booking.groups", dict[str, GroupBooking]()
    items = b.get("groups", [])
    if not isinstance(items, list):
        r.fail(t, None, None, "must be [[booking.groups]] tables")
        items = []
    d = GroupBooking("")
    for i, g in enumerate(items):
        code = r.get(g, t, i, "group", str)
        if code is not None and code not in groups:
            r.fail(t, i, "group", f"unknown group {code!r}")
        elif code in out:
            r.fail(t, i, "group", f"{code!r} already has booking rules")
        rule = GroupBooking(
            str(code), slot_s=60 * _number(r, g, t, i, "slot_min", float, d.slot_s / 60, 5),
            places=_number(r, g, t, i, "places", int, d.places, 1), hours=_hours(r, g, t, i),
            days_ahead=_number(r, g, t, i, "days_ahead", int, d.days_ahead, 1),
            last_booking_s=60 * _number(r, g, t, i, "last_booking_min", float, d.last_booking_s / 60, 0),
            cancel_until_s=60 * _number(r, g, t, i, "cancel_until_min", float, d.cancel_until_s / 60, 0))
        if code is not None:
            out[code] = rule
    closures = r.get(b, "booking", None, "closures", list, []) or []
    for c in closures:
        try:
            ok = isinstance(c, str) and date.fromisoformat(c).isoformat() == c
        except ValueError:
            ok = False
        if not ok:
            r.fail("booking", None, "closures", f"{c!r} is not a day YYYY-MM-DD")
    ns = b.get("no_show", {})
    n, dn = "booking.no_show", NoShowRule()
    if not isinstance(ns, dict):
        r.fail(n, None, None, "must be a table")
        ns = {}
    no_show = NoShowRule(_number(r, ns, n, None, "count", int, dn.count, 1),
                         _number(r, ns, n, None, "within_days", int, dn.within_days, 1),
                         _number(r, ns, n, None, "block_days", int, dn.block_days, 1))
    return BookingRules(out, frozenset(c for c in closures if isinstance(c, str)), no_show)
