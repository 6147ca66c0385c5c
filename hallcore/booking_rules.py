"""Booking rules of a hall file's `[booking]` table (docs/hall-file.md): typed and frozen.

Times of day are minutes after the hall's local midnight; weekdays are 0 (Monday) to 6.
A group without a `[[booking.groups]]` table cannot be booked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class GroupBooking:
    group: str
    slot_s: float = 1800.0  # one slot's length
    places: int = 1  # citizens one slot takes
    hours: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # weekday -> (from, to) minutes
    days_ahead: int = 7  # how many days ahead of today a slot may be booked
    last_booking_s: float = 3600.0  # booking closes this long before the slot starts
    cancel_until_s: float = 7200.0  # cancelling closes this long before the slot starts


@dataclass(frozen=True, slots=True)
class NoShowRule:
    """N missed appointments within M days block booking for K days (预约爽约 rules)."""

    count: int = 3
    within_days: int = 30
    block_days: int = 90


@dataclass(frozen=True, slots=True)
class BookingRules:
    groups: dict[str, GroupBooking] = field(default_factory=dict)  # by group code
    closures: frozenset[str] = frozenset()  # YYYY-MM-DD days the hall is closed (holidays)
    no_show: NoShowRule = field(default_factory=NoShowRule)
