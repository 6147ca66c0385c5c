"""Waiting lines of one service group, kept so that calling costs the same at 100 or 100,000 waiting.

Each line is an OrderedDict: O(1) to append, to peek at the head, and to take out
any ticket (a number called out of turn, a cancellation). A plain dict is not enough:
after many removals from its front, finding the head skips every freed slot.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from hallcore.model import Priority, Ticket


class Line:
    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: OrderedDict[str, Ticket] = OrderedDict()

    def push(self, ticket: Ticket) -> None:
        self._items[ticket.id] = ticket

    def head(self) -> Ticket | None:
        return next(iter(self._items.values()), None)

    def insert_at(self, ticket: Ticket, index: int) -> None:
        """Put a ticket `index` places behind the head (a re-activated no-show): O(n), and rare."""
        items = list(self._items.items())
        items.insert(max(0, index), (ticket.id, ticket))
        self._items = OrderedDict(items)

    def at(self, index: int) -> Ticket | None:
        for i, t in enumerate(self._items.values()):
            if i == index:
                return t
        return None

    def remove(self, ticket_id: str) -> bool:
        return self._items.pop(ticket_id, None) is not None

    def position(self, ticket_id: str) -> int:
        if self._items and next(reversed(self._items)) == ticket_id:
            return len(self._items) - 1  # a ticket just issued: O(1), the hot path of ticket.issue
        for i, tid in enumerate(self._items):
            if tid == ticket_id:
                return i
        raise KeyError(ticket_id)

    def __contains__(self, ticket_id: object) -> bool:
        return ticket_id in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Ticket]:
        return iter(self._items.values())


class GroupQueue:
    """Transferred tickets first, then priority, then normal; each first come, first served."""

    __slots__ = ("transferred", "priority", "normal")

    def __init__(self) -> None:
        self.transferred = Line()
        self.priority = Line()
        self.normal = Line()

    def line_for(self, ticket: Ticket, transferred: bool) -> Line:
        if transferred:
            return self.transferred
        return self.normal if ticket.priority is Priority.NONE else self.priority

    def push(self, ticket: Ticket, transferred: bool = False) -> None:
        self.line_for(ticket, transferred).push(ticket)

    def remove(self, ticket_id: str) -> bool:
        return any(line.remove(ticket_id) for line in (self.transferred, self.priority, self.normal))

    def ahead_of(self, ticket: Ticket) -> int:
        """People ahead of a queued ticket (overtaking by long-waiting normal tickets aside)."""
        for n_before, line in ((0, self.transferred), (len(self.transferred), self.priority),
                               (len(self.transferred) + len(self.priority), self.normal)):
            if ticket.id in line:
                return n_before + line.position(ticket.id)
        return 0

    def __len__(self) -> int:
        return len(self.transferred) + len(self.priority) + len(self.normal)

    def oldest_wait_start(self) -> float | None:
        heads = [t.queued_at for t in (self.transferred.head(), self.priority.head(), self.normal.head()) if t]
        return min(heads) if heads else None
