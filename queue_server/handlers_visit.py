"""One visit, several matters (PROTOCOL 1.1): issue by matters, package or case; outcomes; cases.

`ticket.issue` keeps its v1 path for a single `matter`; `matters`, `package` and `case` come here.
Every ticket answer gains `materials`, the one de-duplicated checklist (一次告知).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import visit_ops
from hallcore.citizen_input import key_problem, name_problem
from hallcore.model import QUEUED, Ticket
from hallcore.rules_status import group_status
from queue_server import wire, wire_visit

if TYPE_CHECKING:
    from queue_server.handlers import Ctx

Handler = Callable[["Ctx"], dict[str, Any]]


def _result(c: Ctx, t: Ticket) -> dict[str, Any]:
    h = c.hall
    return {"ticket": wire.ticket(h, t), "ahead": h.ahead(t), "est_wait_s": visit_ops.est_wait_s(h, t),
            "queue_status": group_status(h, t.group, len(h.queues[t.group]), c.now),
            "materials": wire_visit.materials(h, t)}


def _issue(v1_issue: Handler) -> Handler:
    def run(c: Ctx) -> dict[str, Any]:
        a = c.args
        given = [k for k in ("matter", "matters", "package", "case") if a.get(k) is not None]
        if len(given) != 1:
            raise HallError(E.BAD_REQUEST, "ticket.issue takes one of matter, matters (1 to 5), package or case")
        if given == ["matter"]:
            out = v1_issue(c)
            out["materials"] = wire_visit.materials(c.hall, c.hall.find(out["ticket"]["id"]))
            return out
        if given == ["case"]:  # 出件: nothing personal is asked, the case number is the key
            return _result(c, visit_ops.issue_pickup(c.hall, c.now, a["case"], c.device))
        citizen = a.get("citizen") or {}
        key, masked = citizen.get("key"), citizen.get("name_masked")
        problem = (key_problem(key) if key is not None else None) or (
            name_problem(masked) if masked is not None else None)
        if problem:
            raise HallError(E.BAD_REQUEST, problem)
        t = visit_ops.issue_visit(c.hall, c.now, None, a.get("matters"), a.get("package"),
                                  a.get("priority") or "none", a.get("appointment"), key, masked, c.device)
        return _result(c, t)
    return run


def outcome(c: Ctx) -> dict[str, Any]:
    a = c.args
    t, case = visit_ops.record_outcome(c.hall, c.now, c.device, a["matter"], a["outcome"], a.get("missing"),
                                       a.get("note"))
    return {"ticket": wire.ticket(c.hall, t, with_name=True),
            "case": wire_visit.case(c.hall, case) if case is not None else None}


MAX_CASES = 300  # one answer stays far under the bus's message limit; `more` says there are older ones


def case_list(c: Ctx) -> dict[str, Any]:
    cases = sorted(visit_ops.cases_for(c.hall, c.device, c.args.get("status")), key=lambda x: x.created_at)
    return {"cases": [wire_visit.case(c.hall, x) for x in cases[-MAX_CASES:]], "more": len(cases) > MAX_CASES}


def case_update(c: Ctx) -> dict[str, Any]:
    a = c.args
    return {"case": wire_visit.case(c.hall, visit_ops.update_case(c.hall, c.now, c.device, a["id"], a["status"],
                                                                  a.get("note")))}


def _finish(v1_finish: Handler) -> Handler:
    def run(c: Ctx) -> dict[str, Any]:
        out = v1_finish(c)
        visit_ops.collected(c.hall, c.now, c.hall.find(out["ticket"]["id"]))
        return out
    return run


def _report(v1_report: Handler) -> Handler:
    def run(c: Ctx) -> dict[str, Any]:
        out = v1_report(c)
        out["visits"] = visit_ops.report(c.hall, out["date"])
        return out
    return run


def _status(v1_status: Handler) -> Handler:
    def run(c: Ctx) -> dict[str, Any]:  # the same summed-service estimate as the issue's answer
        out = v1_status(c)
        t = c.hall.find(out["ticket"]["id"])
        if out.get("est_wait_s") is not None and t.status in QUEUED:
            out["est_wait_s"] = visit_ops.est_wait_s(c.hall, t)
        return out
    return run


def visit_handlers(handlers: dict[str, Handler]) -> dict[str, Handler]:
    return {"ticket.issue": _issue(handlers["ticket.issue"]), "ticket.outcome": outcome,
            "ticket.status": _status(handlers["ticket.status"]),
            "case.list": case_list, "case.update": case_update,
            "ticket.finish": _finish(handlers["ticket.finish"]), "hall.report": _report(handlers["hall.report"])}
