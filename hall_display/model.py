"""What the display shows, as frozen values built from the bus's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Name:
    zh: str
    en: str

    @classmethod
    def parse(cls, raw: Any, fallback: str = "") -> Name:
        if isinstance(raw, dict):
            return cls(str(raw.get("zh") or fallback), str(raw.get("en") or raw.get("zh") or fallback))
        return cls(fallback, fallback)


@dataclass(frozen=True, slots=True)
class Call:
    ticket: str
    window: str
    label: Name
    at: str
    recall: bool = False

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Call:
        window = str(raw["window"])
        return cls(str(raw["ticket"]), window, Name.parse(raw.get("window_label"), window),
                   str(raw.get("at") or ""), bool(raw.get("recall", False)))

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
