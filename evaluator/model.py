"""The evaluator's values: what the screen shows, and the requests it asks the shell to make."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hallbus.models.windows import WindowState


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
    def of(cls, w: WindowState) -> WindowInfo:
        return cls(w.id, w.label.zh or w.id, w.label.en or w.id, w.status.value, w.ticket or None)

    @classmethod
    def parse(cls, raw: Any) -> WindowInfo:
        """One window of `state/windows`; a bad one raises the contract's bad_request HallError."""
        return cls.of(WindowState.parse(raw))


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
