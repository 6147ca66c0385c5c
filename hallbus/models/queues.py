"""`state/queues`: per service group, who waits and for how long."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.vocab import QueueStatus


@dataclass(frozen=True, slots=True)
class GroupQueue:
    group: str
    waiting: int
    longest_wait_s: int
    est_wait_s: int | None  # null when no open window serves the group (1.1)
    windows_open: int | None = None  # extension
    status: QueueStatus | None = None  # version 1.1

    @classmethod
    def parse(cls, raw: Any, where: str = "group") -> GroupQueue:
        o = f.obj(raw, where)
        status = None if o.get("status") is None else f.word(o, "status", where, QueueStatus)
        return cls(f.string(o, "group", where), f.integer(o, "waiting", where),
                   f.integer(o, "longest_wait_s", where), f.opt_integer(o, "est_wait_s", where),
                   f.opt_integer(o, "windows_open", where), status)

    def to_wire(self) -> dict[str, Any]:
        out = {"group": self.group, "waiting": self.waiting, "longest_wait_s": self.longest_wait_s,
               "est_wait_s": self.est_wait_s}
        return f.put_optional(out, windows_open=self.windows_open,
                              status=self.status.value if self.status else None)


@dataclass(frozen=True, slots=True)
class QueuesState:
    groups: tuple[GroupQueue, ...]
    at: str | None = None  # extension: when the figures were taken
    target_s: int | None = None  # extension: the hall's service-level target (wait before being called)

    @classmethod
    def parse(cls, raw: Any, where: str = "state/queues") -> QueuesState:
        o = f.obj(raw, where)
        return cls(f.items(o, "groups", where, GroupQueue.parse), f.opt_string(o, "at", where),
                   f.opt_integer(o, "target_s", where))

    def to_wire(self) -> dict[str, Any]:
        return f.put_optional({"groups": [g.to_wire() for g in self.groups]}, at=self.at, target_s=self.target_s)
