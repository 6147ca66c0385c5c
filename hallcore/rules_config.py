"""The hall's daily rules (hall file `[rules]`): typed, frozen, each off unless the file sets it.

Times of day are minutes after the hall's local midnight, so a rule reads the same in
summer and winter and never depends on the machine's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Cap:
    """A daily cap and/or last-ticket time for one group or one matter (限号, 停止取号)."""

    group: str | None = None
    matter: str | None = None
    daily: int | None = None  # tickets a day, appointments included
    appointment_share: float = 0.0  # of `daily`, kept for tickets that bring an appointment
    last_ticket_min: int | None = None  # no walk-in ticket after this time of day


@dataclass(frozen=True, slots=True)
class MissedCalls:
    """過号: a called ticket not served is recalled, then no-show; a no-show may come back once."""

    recalls: int = 2
    every_s: float = 60.0
    reactivate_s: float = 0.0  # 0: a no-show cannot be re-activated
    places: int | None = 3  # behind the head of its line; None: at the tail


@dataclass(frozen=True, slots=True)
class CallingRule:
    """How one window picks among the groups it serves (beyond the hall's fixed order)."""

    window: str
    prefer: tuple[str, ...] = ()  # served first; the window's other groups only when these are empty
    ratio: tuple[int, int] | None = None  # (normal, priority): e.g. (2, 1) calls 2 normal, then 1 priority


@dataclass(frozen=True, slots=True)
class Rules:
    opens_min: int | None = None  # before it, every group is `not_open_yet`
    closes_min: int | None = None
    park_limit_s: float = 3600.0  # a parked ticket not resumed within it ends as incomplete
    missed: MissedCalls | None = None  # None: no automatic recall or no-show
    caps: tuple[Cap, ...] = ()
    auto_last_ticket: bool = False  # last-ticket time = closing time minus the group's expected wait
    wait_cap_s: float | None = None  # a group waiting longer is served next by every window that can
    calling: dict[str, CallingRule] = field(default_factory=dict)  # by window id
    paused_alert_s: float = 900.0  # a window paused this long raises window_paused_long
