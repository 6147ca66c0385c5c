"""The evaluator's values: what the screen shows, and the requests it asks the shell to make."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Phase(StrEnum):
    IDLE = "idle"
    RATING = "rating"
    REASONS = "reasons"
    SENDING = "sending"
    THANKS = "thanks"


@dataclass(frozen=True, slots=True)
class WindowInfo:
    id: str
    label_zh: str = ""
    label_en: str = ""
    status: str = "closed"
    ticket: str | None = None  # the number being served now

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> WindowInfo:
        label = raw.get("label") or {}
        wid = str(raw["id"])
        ticket = raw.get("ticket")
        return cls(wid, str(label.get("zh") or wid), str(label.get("en") or wid), str(raw.get("status") or "closed"),
                   str(ticket) if ticket else None)


@dataclass(frozen=True, slots=True)
class EvalView:
    window: WindowInfo
    phase: Phase = Phase.IDLE
    ticket: str | None = None  # the visit being rated
    score: int | None = None
    reasons: tuple[str, ...] = ()
    message: str | None = None  # on THANKS: "thanks", "already" or "failed"
    online: bool = False
    version: int = 0


@dataclass(frozen=True, slots=True)
class CheckTicket:
    """Ask `ticket.status`: was this visit served (and so worth a rating)?"""

    ticket: str


@dataclass(frozen=True, slots=True)
class Submit:
    """`evaluation.submit` under request id `rid` (the idempotency key: retries reuse it)."""

    rid: str
    ticket: str
    score: int
    reasons: tuple[str, ...]

    def args(self) -> dict[str, Any]:
        return {"ticket": self.ticket, "score": self.score, "reasons": list(self.reasons)}


Command = CheckTicket | Submit
