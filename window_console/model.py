"""What the window console shows, as frozen data the controller builds and the screen draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models.ticket import Ticket
from hallbus.models.times import epoch
from hallcore.model import Name

UNKNOWN = "unknown"  # the window's status before the server has said


parse_time = epoch  # the contract's reading of a wire time


def name_of(obj: Any, fallback: str) -> Name:
    return Name.read(obj, fallback)  # the contract's forgiving read, as every screen does


@dataclass(frozen=True, slots=True)
class TicketInfo:
    number: str
    matter: str
    matter_name: Name
    group: str
    status: str  # called | serving (the window's current ticket)
    priority: str
    name_masked: str | None
    issued_at: float | None
    called_at: float | None
    recalls: int = 0
    note: str | None = None
    matters: tuple[str, ...] = ()  # 1.1: every matter of the visit, `matter` first
    outcomes: tuple[tuple[str, Any], ...] = ()  # 1.1: (matter, {"outcome", "missing", "note", "case"})

    def pending(self) -> tuple[str, ...]:
        """The visit's matters that have no outcome yet: what the clerk still has to record."""
        done = {m for m, _ in self.outcomes}
        return tuple(m for m in self.matters or (self.matter,) if m not in done)

    @staticmethod
    def from_wire(t: Any, matter_name: Name) -> TicketInfo:
        """A ticket of an answer; one that breaks the contract raises its bad_request HallError."""
        w = Ticket.parse(t)
        return TicketInfo(w.number, w.matter, matter_name, w.group, w.status.value, w.priority.value, w.name_masked,
                          epoch(w.issued_at), epoch(w.called_at), w.recalls, w.note, w.matters or (w.matter,),
                          w.outcomes or ())

    def waited_s(self) -> float | None:
        """Time in the queue: from issue to call."""
        if self.issued_at is None or self.called_at is None:
            return None
        return max(0.0, self.called_at - self.issued_at)


@dataclass(frozen=True, slots=True)
class GroupLoad:
    code: str
    name: Name
    waiting: int
    longest_wait_s: float
    est_wait_s: float


@dataclass(frozen=True, slots=True)
class Message:
    """A line for the clerk: `kind` error or info, `code` an error code or an event name."""
    kind: str
    code: str
    number: str | None = None
    detail: str | None = None
    to: Name | None = None  # where a ticket went, or the window's new groups


@dataclass(frozen=True, slots=True)
class ConsoleView:
    window: str
    label: Name
    status: str
    online: bool
    server_online: bool
    ticket: TicketInfo | None
    groups: tuple[GroupLoad, ...]
    busy: str | None  # the action waiting for its answer
    message: Message | None
    sign: str  # none | ok | failed
    now: float
    version: int
    parked: tuple[str, ...] = ()  # this window's parked tickets (挂起), oldest first
    undo_s: float | None = None  # a no-show waiting to be sent: seconds left to undo it

    def on_ticket_s(self) -> float | None:
        """Time since the current ticket was called."""
        if self.ticket is None or self.ticket.called_at is None:
            return None
        return max(0.0, self.now - self.ticket.called_at)
