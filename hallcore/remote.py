"""Remote tickets: taken on a phone, held in the queue, callable only once checked in at the hall.

A remote ticket waits in its group's line like any other, so its place is real. When a window
would call it before it has checked in (a kiosk scanned its page's QR), it is passed over: out of
the line, told by one text, and put back at the head of its group when it checks in; past the
hall's forfeit time it is cancelled. One remote ticket per phone per group per day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import QUEUED, Status, Ticket
from hallcore.policy import choose_next

if TYPE_CHECKING:
    from hallcore.hall import Hall
    from hallcore.queues import GroupQueue
    from hallcore.web_config import RemoteRule


@dataclass(slots=True)
class RemoteTicket:
    ticket: str
    phone_key: str
    group: str
    day: str
    checked_in: bool = False
    passed_at: float | None = None


def _rule(hall: Hall, group: str) -> RemoteRule:
    rule = next((r for r in hall.config.web.remote if r.group == group), None)
    if rule is None:
        raise HallError(E.NOT_ALLOWED, "this service cannot be queued for from a phone; please come to the hall")
    return rule


def check_issue(hall: Hall, now: float, group: str, phone_key: str) -> None:
    """Refuse a remote ticket the hall file does not allow now (tickets_closed, limit_reached)."""
    rule = _rule(hall, group)
    hhmm = datetime.fromtimestamp(now, hall.time.tz).strftime("%H:%M")
    if not rule.start <= hhmm < rule.end:
        raise HallError(E.TICKETS_CLOSED, f"phone tickets for this service are taken {rule.start}-{rule.end}")
    mine = [r for r in hall.remote.values() if r.day == hall.day and r.group == group]
    if any(r.phone_key == phone_key for r in mine):
        raise HallError(E.LIMIT_REACHED, "one phone ticket per phone number per service a day")
    if rule.daily_cap and len(mine) >= rule.daily_cap:
        raise HallError(E.TICKETS_CLOSED, f"today's {rule.daily_cap} phone tickets for this service are taken")
    waiting = sum(1 for r in mine if (t := hall.tickets.get(r.ticket)) is not None and t.status in QUEUED)
    if rule.max_waiting and waiting >= rule.max_waiting:
        raise HallError(E.LIMIT_REACHED, f"{rule.max_waiting} phone tickets are already waiting; try again later")


def add(hall: Hall, t: Ticket, phone_key: str) -> RemoteTicket:
    r = RemoteTicket(t.id, phone_key, t.group, t.day)
    hall.remote[t.id] = r
    hall.changes.remote[t.id] = r
    return r


def pass_over(hall: Hall, now: float, window_id: str) -> list[Ticket]:
    """Before a window calls: take out of the line every remote ticket not checked in that it would call."""
    w = hall.windows.get(window_id)
    passed: list[Ticket] = []
    while w is not None:
        queues: Iterable[GroupQueue] = (hall.queues[g] for g in w.groups if g in hall.queues)
        t = choose_next(hall.pinned[w.id], queues, now, hall.policy.priority_overtake_s)
        r = hall.remote.get(t.id) if t is not None else None
        if t is None or r is None or r.checked_in:
            break
        hall._dequeue(t)
        r.passed_at = r.passed_at or now
        hall.changes.remote[t.id] = r
        hall._touch(t)
        passed.append(t)
    return passed


def check_in(hall: Hall, t: Ticket) -> bool:
    """The citizen is in the hall; a passed-over ticket goes back to the head of its group."""
    r = hall.remote.get(t.id)
    if r is None or r.checked_in:
        return False
    r.checked_in = True
    hall.changes.remote[t.id] = r
    if r.passed_at is not None and t.status in QUEUED:
        hall._enqueue(t, transferred=True)
        hall._touch(t)
    return True


def forfeit(hall: Hall, now: float) -> None:
    """Cancel remote tickets passed over longer ago than the hall's forfeit time."""
    limit = hall.config.web.forfeit_min * 60
    for r in hall.remote.values():
        t = hall.tickets.get(r.ticket)
        if (t is not None and r.passed_at is not None and not r.checked_in and t.status in QUEUED
                and now - r.passed_at > limit):
            hall._dequeue(t)  # a restart may have put it back in its line
            t.status = Status.CANCELLED
            hall._touch(t)
