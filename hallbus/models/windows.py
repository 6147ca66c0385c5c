"""`state/windows`, and the `window` of a window operation's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.name import Name
from hallbus.models.vocab import WindowStatus


@dataclass(frozen=True, slots=True)
class WindowState:
    id: str
    label: Name
    status: WindowStatus
    groups: tuple[str, ...]
    ticket: str | None = None  # the current ticket's number
    since: str | None = None  # extension: when the current ticket was called
    parked: tuple[str, ...] = ()  # 1.1: numbers of the tickets parked at this window, to resume

    @classmethod
    def parse(cls, raw: Any, where: str = "window") -> WindowState:
        o = f.obj(raw, where)
        return cls(f.string(o, "id", where), Name.parse(o.get("label"), f"{where}: label"),
                   f.word(o, "status", where, WindowStatus), f.strings(o, "groups", where),
                   f.opt_string(o, "ticket", where), f.opt_string(o, "since", where),
                   f.opt_strings(o, "parked", where) or ())

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label.to_wire(), "status": self.status.value,
                "groups": list(self.groups), "ticket": self.ticket, "since": self.since,
                "parked": list(self.parked)}


@dataclass(frozen=True, slots=True)
class WindowsState:
    windows: tuple[WindowState, ...]

    @classmethod
    def parse(cls, raw: Any, where: str = "state/windows") -> WindowsState:
        return cls(f.items(f.obj(raw, where), "windows", where, WindowState.parse))

    def to_wire(self) -> dict[str, Any]:
        return {"windows": [w.to_wire() for w in self.windows]}
