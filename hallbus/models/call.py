"""A call (`event/call`, one entry of `state/calls`) and the `state/calls` list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.name import Name


@dataclass(frozen=True, slots=True)
class Call:
    ticket: str  # the number, "A023"
    window: str
    window_label: Name
    at: str
    recall: bool = False

    @classmethod
    def parse(cls, raw: Any, where: str = "event/call") -> Call:
        o = f.obj(raw, where)
        return cls(f.string(o, "ticket", where), f.string(o, "window", where),
                   Name.parse(o.get("window_label"), f"{where}: window_label"), f.string(o, "at", where),
                   f.boolean(o, "recall", where, default=False))

    def to_wire(self) -> dict[str, Any]:
        return {"ticket": self.ticket, "window": self.window, "window_label": self.window_label.to_wire(),
                "at": self.at, "recall": self.recall}


@dataclass(frozen=True, slots=True)
class CallsState:
    """`state/calls`: the last calls, newest first."""

    calls: tuple[Call, ...]

    @classmethod
    def parse(cls, raw: Any, where: str = "state/calls") -> CallsState:
        return cls(f.items(f.obj(raw, where), "calls", where, Call.parse))

    def to_wire(self) -> dict[str, Any]:
        return {"calls": [c.to_wire() for c in self.calls]}
