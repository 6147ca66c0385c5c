"""The visit's operations on the Hall: issue with several matters, record outcomes, open cases, pickup.

Kept beside hall.py (which stays the authority over queues) so that the visit's rules read in one
place; every function takes `now`, mutates the Hall and records its changes, and does no I/O.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.cases import Case, CaseStatus
from hallcore.hall import Hall
from hallcore.model import AT_WINDOW, QUEUED, Material, Ticket
from hallcore.packages import checklist, resolve, service_s
from hallcore.visits import Outcome, Result, VisitRow, VisitSnapshot, check_outcome, figures


def matters_of(t: Ticket) -> tuple[str, ...]:
    return t.matters or (t.matter,)


def issue_visit(hall: Hall, now: float, matter: str | None, matters: Iterable[str] | None, package: str | None,
                priority: str = "none", appointment: str | None = None, citizen_key: str | None = None,
                name_masked: str | None = None, kiosk: str | None = None) -> Ticket:
    """A ticket for one to five matters (or a package): queued in the first matter's group (综合受理)."""
    codes = resolve(hall.matters, {p.code: p for p in hall.config.visits.packages}, matter,
                    None if matters is None else list(matters), package)
    if citizen_key is not None:  # the per-citizen limit holds for every matter, not the first alone
        limit = hall.policy.tickets_per_citizen_matter_day
        for c in codes[1:]:
            if hall.citizen_counts.get((citizen_key, c), 0) >= limit:
                raise HallError(E.LIMIT_REACHED, f"at most {limit} tickets a day per citizen for {c}")
    t = hall.issue(now, codes[0], priority, appointment, citizen_key, name_masked, kiosk)
    t.matters = codes
    if citizen_key is not None:
        for c in codes[1:]:
            hall.citizen_counts[(citizen_key, c)] = hall.citizen_counts.get((citizen_key, c), 0) + 1
    return t


def materials(hall: Hall, t: Ticket) -> list[Material]:
    return checklist(hall.matters[c] for c in matters_of(t) if c in hall.matters)


def visit_service_s(hall: Hall, t: Ticket) -> float:
    groups = {g.code: g.service_s for g in hall.groups.values()}
    return service_s((hall.matters[c] for c in matters_of(t) if c in hall.matters), groups)


def est_wait_s(hall: Hall, t: Ticket) -> int | None:
    """The wait from the summed service times of the tickets ahead: a four-matter visit ahead counts
    as the four matters it is. A single-matter ticket weighs 1, so a v1 hall's figure is unchanged."""
    ahead = hall.ahead(t)
    base = hall.est_wait_s(t.group, ahead)
    if base is None or t.status not in QUEUED or t.target_window is not None or not ahead:
        return base
    weight = 0.0
    q = hall.queues[t.group]
    for i, other in enumerate(itertools.chain(q.transferred, q.priority, q.normal)):
        if i >= ahead:
            break
        if len(matters_of(other)) < 2:
            weight += 1.0
            continue
        groups = {g.code: g.service_s for g in hall.groups.values()}
        one = service_s([hall.matters[other.matter]], groups) if other.matter in hall.matters else 0.0
        weight += visit_service_s(hall, other) / one if one else 1.0
    return round(base * weight / ahead)


def record_outcome(hall: Hall, now: float, window_id: str, matter: str, outcome: str, missing: list[str] | None,
                   note: str | None) -> tuple[Ticket, Case | None]:
    """The clerk's outcome for one matter of the ticket at this window; an accepted matter opens a case."""
    hall.roll_day(now)
    t = hall.current(hall.window(window_id))
    if t.status not in AT_WINDOW:
        raise HallError(E.NO_CURRENT_TICKET, f"no ticket at {window_id}")
    o = check_outcome(matters_of(t), matter, outcome, missing, note)
    old = t.outcomes.get(matter)
    if old is not None and old.case is not None:
        raise HallError(E.INVALID_STATE, f"{matter} was accepted already as case {old.case}")
    case = None
    if o.result is Result.ACCEPTED:
        m = hall.matters[matter]
        case = hall.cases.open_case(hall.config.appointment_key or hall.config.citizen_salt, hall.config.id, now,
                                    hall.day, t.id, matter, m.department, m.pickup)
        o = Outcome(o.result, o.missing, o.note, case.number)
        hall.changes.cases[case.id] = case
    t.matters = matters_of(t)
    t.outcomes = {**t.outcomes, matter: o}
    hall._touch(t)
    return t, case


def update_case(hall: Hall, now: float, device: str, case_id: str, status: str, note: str | None) -> Case:
    dept = hall.config.visits.departments.get(device)
    c = hall.cases.update(now, case_id, status, note, dept)
    hall.changes.cases[c.id] = c
    return c


def cases_for(hall: Hall, device: str, status: str | None) -> list[Case]:
    dept = hall.config.visits.departments.get(device)
    return [c for c in hall.cases.cases.values()
            if (dept is None or c.department == dept) and (status is None or c.status.value == status)]


def pickup_matter(hall: Hall) -> str:
    code = hall.config.visits.pickup_matter
    if code is None:
        code = next((m.code for m in hall.matters.values() if m.group == "pickup"), None)
    if code is None or code not in hall.matters:
        raise HallError(E.UNKNOWN_MATTER, "this hall has no pickup matter")
    return code


def issue_pickup(hall: Hall, now: float, case_number: str, kiosk: str | None) -> Ticket:
    """出件: a ready case's number (the slip, the phone) gives a ticket in the pickup group."""
    c = hall.cases.for_pickup(case_number)
    t = hall.issue(now, pickup_matter(hall), "none", None, None, None, kiosk)
    t.case, c.pickup_ticket = c.number, t.id
    hall.changes.cases[c.id] = c
    return t


def collected(hall: Hall, now: float, t: Ticket) -> Case | None:
    """A finished pickup ticket closes its case."""
    if t.case is None or t.case not in hall.cases.by_number:
        return None
    c = hall.cases.cases[hall.cases.by_number[t.case]]
    c.status, c.updated_at = CaseStatus.COLLECTED, now
    hall.changes.cases[c.id] = c
    return c


def rows(hall: Hall) -> list[VisitRow]:
    today = [VisitRow(t.id, t.day, t.issued_at, t.citizen_key, matters_of(t), dict(t.outcomes))
             for t in hall.tickets.values() if t.case is None]
    return [*hall.visit_log, *today]


def report(hall: Hall, day: str) -> dict[str, object]:
    return figures(day, rows(hall), hall.config.visits.window_days)


def restore(hall: Hall, snap: VisitSnapshot) -> None:
    """After hallcore.restore: give tickets back their matters and outcomes, the book its cases."""
    for tid, (ms, outs, case) in snap.tickets.items():
        t = hall.tickets.get(tid)
        if t is not None:
            t.matters, t.outcomes, t.case = ms, outs, case
    hall.visit_log = [r for r in snap.log if r.ticket not in hall.tickets]
    for c in snap.cases:
        hall.cases.add(c)
