"""Rebuild the Hall from what the store kept: the same state the crashed process had."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hallcore.alerts import Alert
from hallcore.bookings import restore_bookings
from hallcore.hall import Hall
from hallcore.model import AT_WINDOW, QUEUED, Evaluation, Status, Ticket, WindowStatus
from hallcore.remote import RemoteTicket


@dataclass(slots=True)
class Snapshot:
    tickets: list[Ticket] = field(default_factory=list)  # today's, and any still open from before
    windows: list[tuple[str, str, list[str], str | None]] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)  # today's last sequence per group
    appointments_used: set[str] = field(default_factory=set)
    evaluations: list[Evaluation] = field(default_factory=list)  # today's
    alerts: list[Alert] = field(default_factory=list)  # 1.1: 'tell me when' subscriptions
    remote: list[RemoteTicket] = field(default_factory=list)  # 1.1: phone tickets, today's
    bookings: list[Any] = field(default_factory=list)  # 1.1: hallcore.bookings.Booking, recent and ahead
    blocks: list[Any] = field(default_factory=list)  # 1.1: hallcore.bookings.Block


def restore(hall: Hall, snap: Snapshot, now: float) -> None:
    hall.day = hall.time.day(now)
    hall.seq = dict(snap.counters)
    hall.appointments_used = set(snap.appointments_used)
    for wid, status, groups, ticket in snap.windows:
        w = hall.windows.get(wid)
        if w is not None:  # a window removed from the hall file since is forgotten
            w.status, w.ticket = WindowStatus(status), ticket
            w.groups = [g for g in groups if g in hall.groups] or w.groups
    for t in sorted(snap.tickets, key=lambda t: (t.queued_at, t.id)):
        hall.tickets[t.id] = t
        if t.day == hall.day:
            hall.by_number[t.number] = t.id
            if t.citizen_key:
                k = (t.citizen_key, t.matter)
                hall.citizen_counts[k] = hall.citizen_counts.get(k, 0) + 1
        if t.status in QUEUED and t.group in hall.groups:
            hall._enqueue(t, transferred=t.status is Status.TRANSFERRED)
        if t.status is Status.PARKED and t.day == hall.day:
            hall.parked[t.id] = t
        if t.status is Status.DONE and t.day == hall.day and t.finished_at is not None:
            stats = hall.svc[t.group]
            stats[0] += t.finished_at - (t.served_at or t.called_at or t.finished_at)
            stats[1] += 1
    for w in hall.windows.values():
        if w.ticket is not None and (w.ticket not in hall.tickets or hall.tickets[w.ticket].status not in AT_WINDOW):
            w.ticket = None
    called = sorted((t for t in hall.tickets.values() if t.called_at and t.window), key=lambda t: -(t.called_at or 0))
    for t in reversed(called[:10]):
        hall.recent_calls.appendleft((t, t.window or "", t.called_at or 0.0, False))
    hall.evaluations = {(e.ticket, e.window): e for e in snap.evaluations}
    hall.alerts = {a.ticket: a for a in snap.alerts}
    hall.remote = {r.ticket: r for r in snap.remote}
    restore_bookings(hall, snap.bookings, snap.blocks)
