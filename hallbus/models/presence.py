"""`presence/<device>` and `presence/server`: `{"online": bool, ...health}` (retained; the last will
says `{"online": false}`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hallbus.models import fields as f


@dataclass(frozen=True, slots=True)
class Presence:
    online: bool
    # what a device adds about itself (printer status, out-of-service reason ...), as sent; a
    # read-only view would need a frozendict, so equality and hashing leave it out
    health: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def parse(cls, raw: Any, where: str = "presence") -> Presence:
        o = f.obj(raw, where)
        return cls(f.boolean(o, "online", where), {k: v for k, v in o.items() if k != "online"})

    def to_wire(self) -> dict[str, Any]:
        return {"online": self.online, **self.health}
