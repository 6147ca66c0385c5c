"""The hall's configuration: typed, frozen, loaded once at the entry point."""

from __future__ import annotations

from dataclasses import dataclass, field

from hallcore.booking_rules import BookingRules
from hallcore.model import Group, Matter, Name
from hallcore.packages import VisitConfig
from hallcore.rules_config import Rules
from hallcore.web_config import WebConfig


@dataclass(frozen=True, slots=True)
class Policy:
    priority_overtake_s: float = 900.0  # a normal ticket waits at most this long behind priorities
    tickets_per_citizen_matter_day: int = 2
    appointment_early_s: float = 3600.0  # an appointment may be taken this long before its slot
    appointment_late_s: float = 1800.0  # ...and this long after
    elderly_age: int = 65  # age from the ID card that gives priority, where configured
    service_level_s: float = 900.0  # target: called within this wait


@dataclass(frozen=True, slots=True)
class WindowSpec:
    id: str
    label: Name
    groups: tuple[str, ...]
    evaluator: str | None = None


@dataclass(frozen=True, slots=True)
class HallConfig:
    id: str
    name: Name
    timezone: str
    groups: tuple[Group, ...]
    matters: tuple[Matter, ...]
    windows: tuple[WindowSpec, ...]
    devices: dict[str, str] = field(default_factory=dict)  # device id -> role
    policy: Policy = field(default_factory=Policy)
    appointment_key: bytes = b""  # HMAC key for appointment codes; empty refuses every code
    citizen_salt: bytes = b""
    web: WebConfig = field(default_factory=WebConfig)  # the citizen's phone side ([web] table)
    rules: Rules = field(default_factory=Rules)  # the hall's daily rules, docs/hall-file.md
    booking: BookingRules = field(default_factory=BookingRules)  # [booking]: slots, quotas, no-shows
    visits: VisitConfig = field(default_factory=VisitConfig)  # 1.1: packages, 跑动次数 window, back offices

    def role_of(self, device: str) -> str | None:
        return self.devices.get(device)

    def window_of_evaluator(self, device: str) -> str | None:
        for w in self.windows:
            if w.evaluator == device:
                return w.id
        return None
