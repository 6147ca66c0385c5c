"""Alerts for the manager (state/alerts): pure functions from the hall's state to a list of Alert.

Each source returns a list; the server's publisher concatenates the lists of every source (the
hall, device presence, SMS, certificates...) and keeps each alert's `since` stable while it lasts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hallcore.model import Name, WindowStatus

if TYPE_CHECKING:
    from hallcore.hall import Hall

INFO, WARN, ALARM = "info", "warn", "alarm"
LEVEL_ORDER = {ALARM: 0, WARN: 1, INFO: 2}
PAPER_OUT, PRINTER_OFFLINE = "paper_out", "offline"  # kiosk presence `printer` values (kiosk/ports.py)


@dataclass(frozen=True, slots=True)
class Alert:
    code: str  # no_window, past_target, window_paused_long, device_fault, device_offline, sms_failing, ...
    level: str  # info, warn, alarm
    subject: str  # the group, window or device it is about
    since: float
    text: Name

    @property
    def key(self) -> tuple[str, str]:
        return self.code, self.subject


def _waiting(hall: Hall, group: str) -> tuple[int, float | None]:
    q = hall.queues[group]
    pinned = [t for line in hall.pinned.values() for t in line if t.group == group]
    starts = [s for s in [q.oldest_wait_start(), *(t.queued_at for t in pinned)] if s is not None]
    return len(q) + len(pinned), (min(starts) if starts else None)


def hall_alerts(hall: Hall, now: float, paused_since: Mapping[str, float]) -> list[Alert]:
    """Groups waiting with no window, groups past the service-level target, windows paused too long."""
    out: list[Alert] = []
    target = hall.policy.service_level_s
    for code, g in hall.groups.items():
        waiting, oldest = _waiting(hall, code)
        if not waiting or oldest is None:
            continue
        if not hall.staffed(code):
            out.append(Alert("no_window", ALARM, code, oldest, Name(
                f"「{g.name.zh}」有 {waiting} 人等候，没有窗口办理", f"{g.name.en}: {waiting} waiting, no window open")))
        if now - oldest > target:
            out.append(Alert("past_target", WARN, code, oldest + target, Name(
                f"「{g.name.zh}」最长等候 {round((now - oldest) / 60)} 分钟，超过 {round(target / 60)} 分钟目标",
                f"{g.name.en}: longest wait {round((now - oldest) / 60)} min, past the {round(target / 60)} min target")))
    limit = hall.config.rules.paused_alert_s
    for w in hall.windows.values():
        start = paused_since.get(w.id)
        if w.status is WindowStatus.PAUSED and start is not None and now - start >= limit:
            out.append(Alert("window_paused_long", WARN, w.id, start, Name(
                f"{w.label.zh}已暂停 {round((now - start) / 60)} 分钟", f"{w.label.en} paused for {round((now - start) / 60)} min")))
    return out


def device_alerts(presence: Mapping[str, Mapping[str, Any]], roles: Mapping[str, str], now: float) -> list[Alert]:
    """From each device's retained presence: offline devices, kiosks out of paper or out of service."""
    out: list[Alert] = []
    for device, body in sorted(presence.items()):
        role = roles.get(device)
        if role is None:
            continue
        if not body.get("online", False):
            out.append(Alert("device_offline", ALARM if role == "kiosk" else WARN, device, now,
                             Name(f"{device} 离线", f"{device} is offline")))
            continue
        printer, oos = body.get("printer"), body.get("out_of_service")
        if printer in (PAPER_OUT, PRINTER_OFFLINE) or oos:
            why = Name("缺纸", "out of paper") if printer == PAPER_OUT else Name("暂停服务", "out of service")
            out.append(Alert("device_fault", ALARM, device, now, Name(f"{device} {why.zh}", f"{device}: {why.en}")))
    return out


def sms_alerts(failures: int, since: float | None) -> list[Alert]:
    """SMS delivery failing (a placeholder source until the hall sends SMS: `failures` in a row)."""
    if failures < 3 or since is None:
        return []
    return [Alert("sms_failing", WARN, "sms", since, Name(f"短信连续 {failures} 次发送失败",
                                                            f"SMS delivery failed {failures} times in a row"))]


def merge(first_seen: dict[tuple[str, str], float], *sources: Iterable[Alert]) -> list[Alert]:
    """Every source's alerts in one list, alarms first; an alert keeps the `since` it first had.
    `first_seen` is the caller's memory across calls: alerts that ended are dropped from it."""
    alerts = [a for source in sources for a in source]
    keys = {a.key for a in alerts}
    for k in [k for k in first_seen if k not in keys]:
        del first_seen[k]
    stable = [replace(a, since=first_seen.setdefault(a.key, a.since)) for a in alerts]
    return sorted(stable, key=lambda a: (LEVEL_ORDER.get(a.level, 9), a.since, a.code, a.subject))


def to_wire(a: Alert, iso: Any) -> dict[str, Any]:
    return {"code": a.code, "level": a.level, "subject": a.subject, "since": iso(a.since), "text": a.text.to_dict()}
