"""Time is injected: the server reads a Clock, tests and the simulator move a fake one."""

from __future__ import annotations

import time
from datetime import date, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.time()


class FakeClock:
    def __init__(self, start: float) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class LocalTime:
    """Converts epoch seconds to the hall's local day and ISO 8601 with offset."""

    def __init__(self, timezone: str) -> None:
        self.tz: tzinfo = ZoneInfo(timezone)
        self._day_cache: tuple[float, float, str] = (0.0, 0.0, "")

    def day(self, ts: float) -> str:
        lo, hi, d = self._day_cache  # one local day per cache entry: the hot path skips zoneinfo
        if lo <= ts < hi:
            return d
        local = datetime.fromtimestamp(ts, self.tz)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        end = datetime.combine(start.date().fromordinal(start.date().toordinal() + 1),
                               start.time(), self.tz)
        d = start.date().isoformat()
        self._day_cache = (start.timestamp(), end.timestamp(), d)
        return d

    def iso(self, ts: float | None) -> str | None:
        if ts is None:
            return None
        return datetime.fromtimestamp(ts, self.tz).isoformat(timespec="seconds")

    def hour(self, ts: float) -> int:
        return datetime.fromtimestamp(ts, self.tz).hour

    def parse(self, text: str) -> datetime:
        """An ISO 8601 time; one without an offset is the hall's local time."""
        dt = datetime.fromisoformat(text)
        return dt if dt.tzinfo else dt.replace(tzinfo=self.tz)

    def today(self, ts: float) -> date:
        return datetime.fromtimestamp(ts, self.tz).date()
