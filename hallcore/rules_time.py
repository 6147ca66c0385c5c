"""Rules that time alone sets off, run by the server about once a second (and by the simulator)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallcore import bookings, rules_missed, rules_park

if TYPE_CHECKING:
    from hallcore.hall import Hall


def tick(hall: Hall, now: float) -> None:
    rules_park.expire(hall, now)
    rules_missed.due(hall, now)
    bookings.sweep(hall, now)  # never checked in: a no-show at the slot's end plus the late margin
