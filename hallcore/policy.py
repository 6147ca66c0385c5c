"""The calling policy: which waiting ticket a window calls next.

1. a ticket transferred to this very window;
2. tickets transferred to a group the window serves, in order of transfer;
3. priority tickets (elderly, disabled, pregnant, appointment in its slot), oldest first,
   unless the oldest normal ticket has waited longer than `overtake_s`: a normal ticket is
   never passed over by priorities beyond that wait;
4. normal tickets, oldest first, across all the groups the window serves.
"""

from __future__ import annotations

from collections.abc import Iterable

from hallcore.model import Ticket
from hallcore.queues import GroupQueue, Line


def _oldest(tickets: Iterable[Ticket | None]) -> Ticket | None:
    """The ticket queued first (ties by id); the calling rules (rules_calling.py) use it too."""
    best: Ticket | None = None
    for t in tickets:
        if t is not None and (best is None or (t.queued_at, t.id) < (best.queued_at, best.id)):
            best = t
    return best


def choose_next(pinned: Line | None, queues: Iterable[GroupQueue], now: float,
                overtake_s: float) -> Ticket | None:
    if pinned is not None and (head := pinned.head()) is not None:
        return head
    qs = list(queues)
    transferred = _oldest(q.transferred.head() for q in qs)
    if transferred is not None:
        return transferred
    normal = _oldest(q.normal.head() for q in qs)
    prio = _oldest(q.priority.head() for q in qs)
    if prio is None:
        return normal
    if normal is not None and now - normal.queued_at >= overtake_s:
        return normal
    return prio
