"""What the manager console shows, as frozen data the controller builds and the screens draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hallcore.model import Name


@dataclass(frozen=True, slots=True)
class WindowRow:
    id: str
    label: Name
    status: str
    groups: tuple[str, ...]
    ticket: str | None
    since: float | None  # when the current ticket was called

    def on_it_s(self, now: float) -> float | None:
        return None if self.since is None else max(0.0, now - self.since)


@dataclass(frozen=True, slots=True)
class GroupRow:
    code: str
    name: Name
    waiting: int
    longest_wait_s: float
    est_wait_s: float
    windows_open: int
    level: str  # ok | near (past 3/4 of the target) | late (past the target) | no_window (waiting, none open)


@dataclass(frozen=True, slots=True)
class PlanRow:
    group: str
    now_mean_s: float | None
    now_p90_s: float | None
    new_mean_s: float | None
    new_p90_s: float | None


@dataclass(frozen=True, slots=True)
class Preview:
    """A proposed window.assign and, when the planner ran, the predicted waits."""
    window: str
    groups: tuple[str, ...]
    state: str  # running | ready | no_planner | failed
    rows: tuple[PlanRow, ...] = ()
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # info | error
    code: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class ManagerView:
    online: bool
    server_online: bool
    windows: tuple[WindowRow, ...]
    groups: tuple[GroupRow, ...]
    group_names: dict[str, Name]
    service_level_s: float
    preview: Preview | None
    report: dict[str, Any] | None
    evaluations: tuple[dict[str, Any], ...]
    notice: Notice | None
    busy: str | None
    now: float
    version: int
    alerts: tuple[dict[str, Any], ...] = ()  # state/alerts, worst first: shown at the top
    matter_names: dict[str, Name] = field(default_factory=dict)


def level_of(longest_wait_s: float, service_level_s: float) -> str:
    if longest_wait_s > service_level_s:
        return "late"
    return "near" if longest_wait_s > 0.75 * service_level_s else "ok"
