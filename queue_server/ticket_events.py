"""`event/ticket`: one message per change of a ticket's status, position bucket or window.

What a phone page needs to redraw, and no more: after a call every ticket of the group moves up
one, but only the first `EXACT` places are told each step; further back a ticket is told when it
crosses a multiple of `STEP`. Each batch looks at most `SCAN` places deep per line it touched,
so a call costs the same at 100 or 100,000 waiting.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from hallcore.hall import Hall
from hallcore.model import AT_WINDOW, QUEUED, Changes, Ticket
from queue_server.wire_web import ticket_result

EXACT = 20
STEP = 10
SCAN = 200
Publish = Callable[[bytes], None]
Signature = tuple[str, int, str | None, int]


def bucket(ahead: int) -> int:
    return ahead if ahead <= EXACT else ahead - ahead % STEP


def _first(lines: Iterable[Iterable[Ticket]], n: int) -> list[Ticket]:
    out: list[Ticket] = []
    for line in lines:
        for t in line:
            if len(out) >= n:
                return out
            out.append(t)
    return out


class TicketEvents:
    def __init__(self, publish: Publish) -> None:
        self.publish = publish
        self.seen: dict[str, Signature] = {}  # ticket id -> what its page was last told

    def on_changes(self, hall: Hall, changes: Changes) -> int:
        """Publish what changed; returns how many messages went out."""
        groups = {t.group for t in changes.tickets.values()}
        pinned = {t.target_window for t in changes.tickets.values() if t.target_window}
        for w in changes.windows.values():
            groups.update(w.groups)
            pinned.add(w.id)
        candidates: dict[str, Ticket] = dict(changes.tickets)
        for g in groups:
            q = hall.queues.get(g)
            if q is not None:
                candidates.update((t.id, t) for t in _first((q.transferred, q.priority, q.normal), SCAN))
        for wid in pinned:
            if wid in hall.pinned:
                candidates.update((t.id, t) for t in _first((hall.pinned[wid],), SCAN))
        sent = 0
        for t in candidates.values():
            ahead = hall.ahead(t)
            sig = (t.status.value, bucket(ahead), t.window, t.recalls)
            if self.seen.get(t.id) == sig:
                continue
            if t.status in QUEUED or t.status in AT_WINDOW:
                self.seen[t.id] = sig
            else:
                self.seen.pop(t.id, None)  # the ticket ended: this is its last message
            self.publish(json.dumps(ticket_result(hall, t), ensure_ascii=False, separators=(",", ":")).encode())
            sent += 1
        return sent
