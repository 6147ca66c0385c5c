"""The hall's local time: days end at local midnight (numbers restart there), times carry the offset."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hallcore.clock import FakeClock, LocalTime, SystemClock

SH = ZoneInfo("Asia/Shanghai")


def ts(*args: int, tz=SH) -> float:
    return datetime(*args, tzinfo=tz).timestamp()


def test_a_day_runs_from_local_midnight_to_local_midnight():
    lt = LocalTime("Asia/Shanghai")
    assert lt.day(ts(2026, 12, 1, 0, 0)) == "2026-12-01"
    assert lt.day(ts(2026, 12, 1, 23, 59, 59)) == "2026-12-01"
    assert lt.day(ts(2026, 12, 1, 23, 59, 59) + 0.999) == "2026-12-01"
    assert lt.day(ts(2026, 12, 2, 0, 0)) == "2026-12-02"  # the next midnight, right after a cached day
    assert lt.day(ts(2026, 12, 1, 12, 0)) == "2026-12-01"  # and back again
    assert lt.day(ts(2026, 11, 30, 23, 59, 59)) == "2026-11-30"
    assert lt.day(ts(2026, 12, 3, 0, 0, 1)) == "2026-12-03"
    # 16:00 UTC is already tomorrow in Shanghai
    assert lt.day(datetime(2026, 12, 1, 16, 0, tzinfo=UTC).timestamp()) == "2026-12-02"


def test_days_of_23_and_25_hours_where_clocks_change():
    be = ZoneInfo("Europe/Berlin")
    lt = LocalTime("Europe/Berlin")
    assert lt.day(ts(2026, 3, 29, 12, 0, tz=be)) == "2026-03-29"  # 23 hours long
    assert lt.day(ts(2026, 3, 29, 23, 59, tz=be)) == "2026-03-29"
    assert lt.day(ts(2026, 3, 30, 0, 0, tz=be)) == "2026-03-30"
    assert lt.day(ts(2026, 10, 25, 12, 0, tz=be)) == "2026-10-25"  # 25 hours long
    assert lt.day(ts(2026, 10, 25, 23, 30, tz=be)) == "2026-10-25"
    assert lt.day(ts(2026, 10, 26, 0, 0, tz=be)) == "2026-10-26"


def test_iso_hour_today_and_parse():
    lt = LocalTime("Asia/Shanghai")
    t = ts(2026, 12, 1, 9, 5, 7) + 0.6
    assert lt.iso(t) == "2026-12-01T09:05:07+08:00"
    assert lt.iso(None) is None
    assert lt.hour(t) == 9 and lt.hour(ts(2026, 12, 1, 23, 59)) == 23
    assert lt.today(ts(2026, 12, 1, 23, 59)).isoformat() == "2026-12-01"
    assert lt.today(ts(2026, 12, 2, 0, 30)).isoformat() == "2026-12-02"  # still 1 December in UTC
    assert lt.hour(ts(2026, 12, 2, 0, 30)) == 0
    assert lt.parse("2026-12-01T09:00").utcoffset() == timedelta(hours=8)
    assert lt.parse("2026-12-01T09:00").timestamp() == ts(2026, 12, 1, 9, 0)
    assert lt.parse("2026-12-01T09:00+00:00").timestamp() == ts(2026, 12, 1, 17, 0)


def test_clocks():
    fake = FakeClock(100.0)
    assert fake.now() == 100.0
    fake.advance(2.5)
    fake.advance(0.5)
    assert fake.now() == 103.0
    before = time.time()
    assert before <= SystemClock().now() <= time.time()


def test_a_day_first_seen_mid_morning_still_ends_at_midnight():
    lt = LocalTime("Asia/Shanghai")
    assert lt.day(ts(2026, 12, 1, 9, 5, 7) + 0.6) == "2026-12-01"
    assert lt.day(ts(2026, 12, 2, 0, 0) + 0.1) == "2026-12-02"
    assert lt.day(ts(2026, 12, 1, 0, 0, 30)) == "2026-12-01"  # and the start of the day it first saw


def test_the_first_instant_of_the_epoch_has_a_day():
    assert LocalTime("Asia/Shanghai").day(0.0) == "1970-01-01"
    assert LocalTime("UTC").day(0.5) == "1970-01-01"
