"""A group's status for the kiosk, display, phone and manager: honest, never a made-up wait.

`open` (a window serves it), `no_window` (tickets wait and no window is open or on a
short pause for it: no estimate exists), `closed_for_today` (a cap is reached or it is past
the last-ticket time), `not_open_yet` (before the hall's opening time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallcore.rules_caps import closed_for_today, minute_of_day

if TYPE_CHECKING:
    from hallcore.hall import Hall

OPEN, NO_WINDOW, CLOSED_FOR_TODAY, NOT_OPEN_YET = "open", "no_window", "closed_for_today", "not_open_yet"


def group_status(hall: Hall, group: str, waiting: int, now: float) -> str:
    rules = hall.config.rules
    if rules.opens_min is not None and minute_of_day(hall, now) < rules.opens_min:
        return NOT_OPEN_YET
    if waiting and not hall.staffed(group):
        return NO_WINDOW
    if closed_for_today(hall, group, now):
        return CLOSED_FOR_TODAY
    return OPEN


def est_wait_s(hall: Hall, group: str, ahead: int) -> int | None:
    """Ahead times the mean service over the windows serving the group; None when none does."""
    staffed = hall.staffed(group)
    if not staffed:
        return None
    return round(ahead * hall.mean_service_s(group) / staffed)
