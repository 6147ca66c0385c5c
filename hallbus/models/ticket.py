"""A ticket, and the answer that carries one (`ticket.issue`, `ticket.status`, `event/ticket`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.vocab import Priority, Status


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str
    number: str
    matter: str
    group: str
    status: Status
    priority: Priority
    issued_at: str
    called_at: str | None = None
    window: str | None = None
    # hallq's extensions (docs/protocol.md), always sent, null when unset; but the masked name only
    # to the window serving the ticket and its evaluator, and only when there is one
    name_masked: str | None = None
    recalls: int = 0
    served_at: str | None = None
    finished_at: str | None = None
    target_window: str | None = None
    note: str | None = None
    # version 1.1, sent only when set
    ref: str | None = None
    url: str | None = None
    matters: tuple[str, ...] | None = None
    # (matter, outcome), wire: {matter: outcome}; an outcome is its code (accepted, incomplete,
    # rejected, referred) or an object holding it with its details (missing materials, note)
    outcomes: tuple[tuple[str, Any], ...] | None = None
    parked_at: str | None = None
    remote: bool | None = None
    # hallq's 1.1 extensions for a remote ticket (sent only for one): at the hall yet, passed over
    checked_in: bool | None = None
    passed_over: bool | None = None
    case: str | None = None  # a pickup ticket's case number (出件)

    @classmethod
    def parse(cls, raw: Any, where: str = "ticket") -> Ticket:
        o = f.obj(raw, where)
        outcomes = o.get("outcomes")
        if outcomes is not None and not (isinstance(outcomes, dict)
                                         and all(isinstance(v, str | dict) for v in outcomes.values())):
            raise f.bad(where, "outcomes", "an object {matter: outcome}")
        s = f.opt_string
        return cls(
            f.string(o, "id", where), f.string(o, "number", where), f.string(o, "matter", where),
            f.string(o, "group", where), f.word(o, "status", where, Status),
            f.word(o, "priority", where, Priority), f.string(o, "issued_at", where),
            called_at=s(o, "called_at", where), window=s(o, "window", where),
            name_masked=s(o, "name_masked", where), recalls=f.opt_integer(o, "recalls", where) or 0,
            served_at=s(o, "served_at", where), finished_at=s(o, "finished_at", where),
            target_window=s(o, "target_window", where), note=s(o, "note", where),
            ref=s(o, "ref", where), url=s(o, "url", where), matters=f.opt_strings(o, "matters", where),
            outcomes=tuple(outcomes.items()) if outcomes is not None else None,
            parked_at=s(o, "parked_at", where), remote=f.opt_boolean(o, "remote", where),
            checked_in=f.opt_boolean(o, "checked_in", where), passed_over=f.opt_boolean(o, "passed_over", where),
            case=s(o, "case", where),
        )

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "number": self.number, "matter": self.matter, "group": self.group,
            "status": self.status.value, "priority": self.priority.value, "issued_at": self.issued_at,
            "called_at": self.called_at, "window": self.window,
            "recalls": self.recalls, "served_at": self.served_at, "finished_at": self.finished_at,
            "target_window": self.target_window, "note": self.note,
        }
        return f.put_optional(out, name_masked=self.name_masked, ref=self.ref, url=self.url,
                              matters=list(self.matters) if self.matters is not None else None,
                              outcomes=dict(self.outcomes) if self.outcomes is not None else None,
                              parked_at=self.parked_at, remote=self.remote, checked_in=self.checked_in,
                              passed_over=self.passed_over, case=self.case)


@dataclass(frozen=True, slots=True)
class TicketAnswer:
    """`{"ticket", "ahead", "est_wait_s"}`: the result of `ticket.issue` / `ticket.status` (and 1.1's
    `ticket.lookup`, `ticket.remote_issue`), and the payload of `event/ticket`. `est_wait_s` is
    null when no window serves the group (1.1: never a made-up number)."""

    ticket: Ticket
    ahead: int
    est_wait_s: int | None

    @classmethod
    def parse(cls, raw: Any, where: str = "result") -> TicketAnswer:
        o = f.obj(raw, where)
        return cls(Ticket.parse(o.get("ticket"), f"{where}: ticket"), f.integer(o, "ahead", where),
                   f.opt_integer(o, "est_wait_s", where))

    def to_wire(self) -> dict[str, Any]:
        return {"ticket": self.ticket.to_wire(), "ahead": self.ahead, "est_wait_s": self.est_wait_s}


TicketEvent = TicketAnswer  # `event/ticket` carries exactly this shape
