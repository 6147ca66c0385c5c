"""Park (挂起): a citizen missing a copy or a paper steps away; the clerk parks the ticket and
calls the next. The parked ticket keeps its place: when the citizen returns, the same window or
any window of its group resumes it without queueing again, within the hall's park limit;
past it the ticket ends as incomplete.

A parked ticket keeps `window` (where to come back to) and its `queued_at` becomes the time it
was parked (it entered the window's park list then), so the store needs no new column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import AT_WINDOW, Status, Ticket

if TYPE_CHECKING:
    from hallcore.hall import Hall

INCOMPLETE = "incomplete"


def parked_at(t: Ticket) -> float | None:
    return t.queued_at if t.status is Status.PARKED else None


def parked(hall: Hall, window_id: str | None = None) -> list[Ticket]:
    """Parked tickets (of one window), oldest first."""
    out = [t for t in hall.parked.values() if window_id is None or t.window == window_id]
    return sorted(out, key=lambda t: (t.queued_at, t.id))


def park(hall: Hall, now: float, window_id: str, note: str | None) -> Ticket:
    if hall.config.rules.park_limit_s <= 0:
        raise HallError(E.NOT_ALLOWED, "this hall does not park tickets (park_limit_min = 0)")
    w = hall.window(window_id)
    t = hall.current(w)
    if t.status not in AT_WINDOW:
        raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}, not at the window")
    t.status, t.queued_at = Status.PARKED, now
    t.note = note or t.note
    w.ticket = None
    hall.parked[t.id] = t
    hall._touch(t)
    hall._touch_window(w)
    return t


def resume(hall: Hall, now: float, window_id: str, number: str) -> Ticket:
    w = hall.window(window_id)
    hall._ready_to_call(w)
    expire(hall, now)
    t = hall.find(number)
    if t.status is not Status.PARKED:
        why = " (past the park limit)" if t.outcome == INCOMPLETE else ""
        raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}{why}, not parked")
    if t.window != w.id and t.group not in w.groups:
        raise HallError(E.NOT_ALLOWED, f"ticket {t.number} was parked at {t.window}; {w.id} does not serve its group")
    del hall.parked[t.id]
    t.status = Status.SERVING if t.served_at is not None else Status.CALLED
    t.window, w.ticket = w.id, t.id
    hall._touch(t)
    hall._touch_window(w)
    hall._announce(now, t, w, recall=False)  # the display shows where to go back to
    return t


def expire(hall: Hall, now: float, everything: bool = False) -> None:
    """Parked past the limit (or at midnight, `everything`): the ticket ends as incomplete."""
    limit = hall.config.rules.park_limit_s
    for t in [t for t in hall.parked.values() if everything or now - t.queued_at > limit]:
        del hall.parked[t.id]
        t.status, t.outcome, t.finished_at = Status.DONE, INCOMPLETE, now
        hall._touch(t)
        if t.window in hall.windows:
            hall._touch_window(hall.windows[t.window])  # its park list shrank
