"""The `result` of the operations that answer with a window, a ticket or an evaluation.

`ticket.issue` / `ticket.status` answer a `TicketAnswer` (hallbus.models.ticket).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.ticket import Ticket
from hallbus.models.windows import WindowState


def _ticket(o: dict[str, Any], where: str) -> Ticket | None:
    return None if o.get("ticket") is None else Ticket.parse(o["ticket"], f"{where}: ticket")


@dataclass(frozen=True, slots=True)
class TicketResult:
    """`call.*`, `ticket.serve|no_show|finish|transfer`: `{"ticket"}`, null when `call.next` found none."""

    ticket: Ticket | None

    @classmethod
    def parse(cls, raw: Any, where: str = "result") -> TicketResult:
        return cls(_ticket(f.obj(raw, where), where))

    def to_wire(self) -> dict[str, Any]:
        return {"ticket": self.ticket.to_wire() if self.ticket else None}


@dataclass(frozen=True, slots=True)
class WindowResult:
    """`window.open|pause|close|assign`: `{"window"}`; `window.current` adds its `ticket`."""

    window: WindowState
    ticket: Ticket | None = None
    with_ticket: bool = False  # whether the wire object has a `ticket` key (window.current)

    @classmethod
    def parse(cls, raw: Any, where: str = "result") -> WindowResult:
        o = f.obj(raw, where)
        return cls(WindowState.parse(o.get("window"), f"{where}: window"), _ticket(o, where), "ticket" in o)

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"window": self.window.to_wire()}
        if self.with_ticket:
            out["ticket"] = self.ticket.to_wire() if self.ticket else None
        return out


@dataclass(frozen=True, slots=True)
class Evaluation:
    """`evaluation.submit|follow_up` answer `{"evaluation": this}`; `evaluation.list` a list of them."""

    ticket: str
    window: str
    score: int
    reasons: tuple[str, ...] = ()
    number: str | None = None
    at: str | None = None
    follow_up: str | None = None

    @classmethod
    def parse(cls, raw: Any, where: str = "evaluation") -> Evaluation:
        o = f.obj(raw, where)
        return cls(f.string(o, "ticket", where), f.string(o, "window", where), f.integer(o, "score", where),
                   f.opt_strings(o, "reasons", where) or (), f.opt_string(o, "number", where),
                   f.opt_string(o, "at", where), f.opt_string(o, "follow_up", where))

    def to_wire(self) -> dict[str, Any]:
        return {"ticket": self.ticket, "number": self.number, "window": self.window, "score": self.score,
                "reasons": list(self.reasons), "at": self.at, "follow_up": self.follow_up}
