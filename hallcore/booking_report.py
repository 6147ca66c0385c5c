"""A day's booking figures for the manager: places, fill rate, no-show rate, punctuality."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from hallcore.bookings import CHECKED_IN, HOLDS_PLACE, NO_SHOW
from hallcore.slots import day_slots

if TYPE_CHECKING:
    from hallcore.hall import Hall


def day_figures(hall: Hall, day: str) -> dict[str, Any]:
    """`fill_rate`: places booked of places offered; `no_show_rate`: no-shows of the bookings whose
    check-in window is over; `punctuality`: check-ins at or before the slot's start, of all check-ins
    whose ticket is still in memory (today's). None where nothing was there to count."""
    d = date.fromisoformat(day)
    places = sum(len(day_slots(r, d, hall.time.tz)) * r.places for r in hall.config.booking.groups.values()
                 if day not in hall.config.booking.closures)
    rows = [b for b in hall.booking.bookings.values() if b.day == day]
    held = sum(1 for b in rows if b.status in HOLDS_PLACE)
    settled = [b for b in rows if b.status in (CHECKED_IN, NO_SHOW)]
    timed = [(b, hall.tickets[b.ticket]) for b in rows if b.status == CHECKED_IN and b.ticket in hall.tickets]
    return {"places": places, "booked": held,
            "fill_rate": round(held / places, 3) if places else None,
            "no_show_rate": round(sum(b.status == NO_SHOW for b in settled) / len(settled), 3) if settled else None,
            "punctuality": round(sum(t.issued_at <= b.start for b, t in timed) / len(timed), 3) if timed else None}
