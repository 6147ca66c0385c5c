"""Arrivals of the next hours per group, learnt from this weekday's history and today's so far.

History: the mean arrivals over the same hours on past days of the same weekday. Today: the
ratio of today's arrivals so far to those days' arrivals by the same time (clamped to 0.5..2,
so one odd morning cannot run away), applied to the history. Without any such day, the last
hour's rate (`history.recent_by_group`) is all there is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hallcore.model import Ticket
from simulator.history import recent_by_group

SCALE_RANGE = (0.5, 2.0)


def weekday_rates(tickets: Sequence[Ticket], at: float, timezone: str, horizon_s: float = 3600.0) -> dict[str, float]:
    tz = ZoneInfo(timezone)
    now = datetime.fromtimestamp(at, tz)
    today0 = now.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = (now - today0).total_seconds()
    ahead: dict[str, int] = defaultdict(int)  # over past same weekdays: arrivals in the horizon to come
    before = 0  # ... and arrivals before this time of day
    days: set[str] = set()
    today_so_far = 0
    for t in tickets:
        local = datetime.fromtimestamp(t.issued_at, tz)
        day0 = local.replace(hour=0, minute=0, second=0, microsecond=0)
        into = (local - day0).total_seconds()
        if day0.date() == today0.date():
            today_so_far += into < offset
        elif local.weekday() == now.weekday() and day0 < today0 and today0 - day0 <= timedelta(weeks=8):
            days.add(day0.date().isoformat())
            if offset <= into < offset + horizon_s:
                ahead[t.group] += 1
            elif into < offset:
                before += 1
    if not days:
        return recent_by_group(tickets, at)[0]
    n = len(days)
    scale = today_so_far / (before / n) if before else 1.0
    scale = min(max(scale, SCALE_RANGE[0]), SCALE_RANGE[1])
    return {g: c / n * 3600 / horizon_s * scale for g, c in ahead.items()}
