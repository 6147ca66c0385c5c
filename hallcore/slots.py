"""A bookable day's slots, from a group's opening hours (pure: dates and zones only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from hallcore.booking_rules import GroupBooking


@dataclass(frozen=True, slots=True)
class Slot:
    start: float  # epoch seconds
    end: float

    def local(self, tz: tzinfo) -> datetime:
        return datetime.fromtimestamp(self.start, tz)


def day_slots(rule: GroupBooking, day: date, tz: tzinfo) -> list[Slot]:
    """Every slot of `day`: each opening span cut into slot-long pieces; a short tail is no slot."""
    out = []
    midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
    for a, b in rule.hours.get(day.weekday(), ()):
        at, end = a * 60.0, b * 60.0
        while at + rule.slot_s <= end + 1e-6:
            # wall-clock arithmetic: a DST day still opens at the time the hall file says
            s = (midnight + timedelta(seconds=at)).timestamp()
            out.append(Slot(s, s + rule.slot_s))
            at += rule.slot_s
    return out


def slot_at(rule: GroupBooking, start: datetime) -> Slot | None:
    """The slot that begins exactly at `start` (local, aware), if the hours make one."""
    for s in day_slots(rule, start.date(), start.tzinfo):  # type: ignore[arg-type]
        if abs(s.start - start.timestamp()) < 1:
            return s
    return None
