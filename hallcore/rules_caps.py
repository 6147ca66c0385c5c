"""Daily caps and last-ticket time (限号, 停止取号), per group or matter, with a share kept for
appointments; and the automatic last-ticket time (closing time minus the expected wait).

Counts come from today's tickets themselves, so a restart or a reload never loses them; a hall
without caps pays nothing on `ticket.issue`.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import Matter, Name
from hallcore.rules_config import Cap

if TYPE_CHECKING:
    from hallcore.hall import Hall


def minute_of_day(hall: Hall, now: float) -> int:
    local = datetime.fromtimestamp(now, hall.time.tz)
    return local.hour * 60 + local.minute


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _covers(cap: Cap, matter: Matter) -> bool:
    return cap.matter == matter.code or (cap.matter is None and cap.group == matter.group)


def _counts(hall: Hall, cap: Cap) -> tuple[int, int]:
    """(walk-in, appointment) tickets issued today under the cap."""
    walk = appt = 0
    for t in hall.tickets.values():
        if t.day == hall.day and (t.matter == cap.matter if cap.matter else t.group == cap.group):
            appt += t.appointment is not None
            walk += t.appointment is None
    return walk, appt


def _reason(hall: Hall, cap: Cap, now: float, appointment: bool) -> tuple[str, str] | None:
    """Why the cap closes issuing now, as (zh, en); None when it does not."""
    if cap.last_ticket_min is not None and not appointment and minute_of_day(hall, now) >= cap.last_ticket_min:
        at = hhmm(cap.last_ticket_min)
        return f"今日 {at} 已停止取号", f"no tickets after {at} today"
    if cap.daily is not None:
        walk, appt = _counts(hall, cap)
        kept = math.ceil(cap.daily * cap.appointment_share)
        if walk + appt >= cap.daily or not appointment and walk >= cap.daily - kept:
            return f"今日 {cap.daily} 个号已取完", f"all {cap.daily} tickets of today are taken"
    return None


def _auto(hall: Hall, group: str, now: float, appointment: bool) -> tuple[str, str] | None:
    rules = hall.config.rules
    if not rules.auto_last_ticket or rules.closes_min is None or appointment:
        return None
    est = hall.est_wait_s(group, len(hall.queues[group]))
    wait_min = (est if est is not None else hall.mean_service_s(group) * len(hall.queues[group])) / 60
    if minute_of_day(hall, now) + wait_min < rules.closes_min:
        return None
    return (f"排队人数已满，今日 {hhmm(rules.closes_min)} 前无法办完",
            f"the queue would not be served before closing at {hhmm(rules.closes_min)}")


def _name(hall: Hall, matter: Matter, cap: Cap | None) -> Name:
    return matter.name if cap is not None and cap.matter else hall.groups[matter.group].name


def _message(hall: Hall, what: Name, why: tuple[str, str]) -> str:
    opens = hall.config.rules.opens_min
    when_zh = f"明天 {hhmm(opens)} 起" if opens is not None else "明天起"
    when_en = f"tomorrow from {hhmm(opens)}" if opens is not None else "tomorrow"
    return (f"「{what.zh}」{why[0]}，请{when_zh}再来取号。"
            f"Tickets for {what.en} are over for today ({why[1]}); they open again {when_en}.")


def check(hall: Hall, now: float, matter: Matter, appointment: bool) -> None:
    """Raise `tickets_closed` when a cap, a last-ticket time or the automatic one closes this matter."""
    for cap in hall.config.rules.caps:
        if _covers(cap, matter) and (why := _reason(hall, cap, now, appointment)) is not None:
            raise HallError(E.TICKETS_CLOSED, _message(hall, _name(hall, matter, cap), why))
    if (why := _auto(hall, matter.group, now, appointment)) is not None:
        raise HallError(E.TICKETS_CLOSED, _message(hall, _name(hall, matter, None), why))


def closed_for_today(hall: Hall, group: str, now: float) -> bool:
    """A walk-in of this group would be refused by a group-wide cap or the automatic last ticket."""
    for cap in hall.config.rules.caps:
        if cap.matter is None and cap.group == group and _reason(hall, cap, now, False) is not None:
            return True
    return _auto(hall, group, now, False) is not None


