"""Arrivals forecast from this weekday's history, scaled by today so far."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hallcore.model import Priority, Ticket
from simulator.forecast_rates import weekday_rates

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=TZ)  # a Wednesday


def ticket(at: datetime, group: str = "comprehensive") -> Ticket:
    return Ticket(id=str(at), day=at.date().isoformat(), number="A001", matter="m", group=group,
                  priority=Priority.NONE, issued_at=at.timestamp(), queued_at=at.timestamp())


def past_wednesday(weeks: int, before: int, after: int) -> list[Ticket]:
    d = NOW - timedelta(weeks=weeks)
    return ([ticket(d - timedelta(minutes=5 + i)) for i in range(before)]
            + [ticket(d + timedelta(minutes=1 + i)) for i in range(after)])


def test_history_of_the_same_weekday_scaled_by_today():
    history = past_wednesday(1, 20, 30) + past_wednesday(2, 20, 10)  # 20 a week ahead, 20 before now
    monday = [ticket(NOW - timedelta(days=2) + timedelta(minutes=m)) for m in range(50)]  # another weekday
    usual_today = [ticket(NOW - timedelta(minutes=1 + i)) for i in range(20)]
    assert weekday_rates(history + monday + usual_today, NOW.timestamp(), "Asia/Shanghai") == {"comprehensive": 20.0}
    busy_today = [ticket(NOW - timedelta(minutes=1 + i)) for i in range(30)]  # 1.5x the usual morning
    assert weekday_rates(history + busy_today, NOW.timestamp(), "Asia/Shanghai") == {"comprehensive": 30.0}


def test_without_history_the_last_hour():
    last_hour = [ticket(NOW - timedelta(minutes=2 * i + 1)) for i in range(15)]
    assert weekday_rates(last_hour, NOW.timestamp(), "Asia/Shanghai") == {"comprehensive": 15.0}
