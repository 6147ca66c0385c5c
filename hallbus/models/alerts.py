"""Version 1.1 `state/alerts`: what the hall's staff should look at now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.name import Name
from hallbus.models.vocab import AlertLevel

# the codes PROTOCOL.md names; a server may add others, so a reader does not refuse them
KNOWN_CODES = ("no_window", "past_target", "window_paused_long", "device_fault", "device_offline", "sms_failing")


@dataclass(frozen=True, slots=True)
class Alert:
    code: str
    level: AlertLevel
    subject: str | None  # a group code, window id or device id, by the code (none for sms_failing)
    since: str
    text: Name

    @classmethod
    def parse(cls, raw: Any, where: str = "alert") -> Alert:
        o = f.obj(raw, where)
        return cls(f.string(o, "code", where), f.word(o, "level", where, AlertLevel), f.opt_string(o, "subject", where),
                   f.string(o, "since", where), Name.parse(o.get("text"), f"{where}: text"))

    def to_wire(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level.value, "subject": self.subject, "since": self.since,
                "text": self.text.to_wire()}


@dataclass(frozen=True, slots=True)
class AlertsState:
    alerts: tuple[Alert, ...]

    @classmethod
    def parse(cls, raw: Any, where: str = "state/alerts") -> AlertsState:
        return cls(f.items(f.obj(raw, where), "alerts", where, Alert.parse))

    def to_wire(self) -> dict[str, Any]:
        return {"alerts": [a.to_wire() for a in self.alerts]}
