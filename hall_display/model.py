"""What the display shows, as frozen values built from the bus's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hallbus.models.call import Call as WireCall
from hallbus.models.name import Name as Name  # the one Name of the contract


@dataclass(frozen=True, slots=True)
class Call:
    ticket: str
    window: str
    label: Name
    at: str
    recall: bool = False

    @classmethod
    def of(cls, c: WireCall) -> Call:
        return cls(c.ticket, c.window, c.window_label, c.at, c.recall)

    @classmethod
    def parse(cls, raw: Any) -> Call:
        """An `event/call` payload; a bad one raises the contract's bad_request HallError."""
        return cls.of(WireCall.parse(raw))

    @property
    def key(self) -> tuple[str, str, str, bool]:
        """Identity of one call: a duplicate QoS 1 delivery has the same key."""
        return (self.ticket, self.window, self.at, self.recall)

    @property
    def when(self) -> float:
        try:
            return datetime.fromisoformat(self.at).timestamp()
        except ValueError:
            return 0.0


@dataclass(frozen=True, slots=True)
class GroupLine:
    code: str
    name: Name
    waiting: int
    est_wait_s: int
    windows_open: int | None = None
    status: str = "open"  # state/queues status: open, no_window, closed_for_today, not_open_yet


@dataclass(frozen=True, slots=True)
class DisplayView:
    """One picture of the screen; the Kivy side only copies these fields into widgets."""

    hall_name: Name = Name("", "")
    current: Call | None = None
    highlight: bool = False
    recent: tuple[Call, ...] = ()
    groups: tuple[GroupLine, ...] = ()
    offline: str | None = "connecting"  # None, "connecting", "no_broker" or "server_offline"
    version: int = 0
