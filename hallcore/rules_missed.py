"""Missed calls (过号): a called ticket not served is recalled automatically `recalls` times,
`every_s` apart, then marked no-show; within `reactivate_s` of that a no-show may come back once,
`places` behind the head of its line (or at its tail).

The schedule is counted from `called_at` alone, so a restart neither loses it nor repeats more
than the one recall that fell due while the server was down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import Status, Ticket

if TYPE_CHECKING:
    from hallcore.hall import Hall


def due(hall: Hall, now: float) -> None:
    """Recall or no-show every called ticket whose next step has come."""
    rule = hall.config.rules.missed
    if rule is None or rule.every_s <= 0:
        return
    for w in hall.windows.values():
        t = hall.tickets.get(w.ticket) if w.ticket else None
        if t is None or t.status is not Status.CALLED or t.called_at is None:
            continue
        steps = int((now - t.called_at) // rule.every_s)  # whole intervals since the call
        if steps > rule.recalls:
            hall.no_show(now, w.id, None)
            hall.auto_recalled.pop(t.id, None)
        elif steps > hall.auto_recalled.get(t.id, 0):
            hall.auto_recalled[t.id] = steps
            hall.recall(now, w.id)


def reactivate(hall: Hall, now: float, number: str) -> Ticket:
    rule = hall.config.rules.missed
    hall.roll_day(now)
    t = hall.find(number)
    if rule is None or rule.reactivate_s <= 0:
        raise HallError(E.NOT_ALLOWED, "this hall does not re-activate missed tickets; please take a new ticket")
    if t.status is not Status.NO_SHOW:
        raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}, not a missed call")
    if t.reactivated:
        raise HallError(E.LIMIT_REACHED, f"ticket {t.number} was already re-activated once; please take a new ticket")
    if t.finished_at is None or now - t.finished_at > rule.reactivate_s:
        raise HallError(E.INVALID_STATE,
                        f"ticket {t.number} missed its call more than {rule.reactivate_s / 60:g} min ago; "
                        "please take a new ticket")
    t.status, t.reactivated, t.window, t.finished_at = Status.WAITING, True, None, None
    line = hall.queues[t.group].line_for(t, transferred=False)
    if rule.places is None or rule.places >= len(line):
        t.queued_at = now
        line.push(t)
    else:
        ahead, behind = (line.at(rule.places - 1) if rule.places > 0 else None), line.at(rule.places)
        # between its neighbours, so that comparisons across groups (oldest head first) and a
        # restart (which re-queues by queued_at) keep it where it was put
        lo = ahead.queued_at if ahead is not None else None
        hi = behind.queued_at if behind is not None else now
        t.queued_at = hi if lo is None else (lo + hi) / 2
        line.insert_at(t, rule.places)
    hall._touch(t)
    return t
