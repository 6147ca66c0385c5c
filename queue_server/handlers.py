"""One plain function per operation: arguments in, a contract result out.

The role check and argument types are done before (service.py, from hallbus.schemas);
what is left here is which window the device may act on and the call into the Hall.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hallbus import errors as E
from hallbus.errors import HallError
from hallbus.schemas import TicketWire
from hallcore.citizen_input import find_id_number, key_problem, name_problem
from hallcore.hall import Hall
from hallcore.model import AT_WINDOW, Status, Ticket, WindowStatus
from hallcore.report import BAD_SCORE, day_report
from hallcore.rules_status import group_status
from queue_server import wire
from queue_server.handlers_booking import BOOKING_HANDLERS, report_bookings
from queue_server.handlers_rules import RULE_HANDLERS
from queue_server.handlers_visit import visit_handlers
from queue_server.handlers_web import web_handlers


@dataclass(frozen=True, slots=True)
class Ctx:
    hall: Hall
    now: float
    device: str
    role: str
    args: dict[str, Any]
    history: Callable[[str], tuple[list[Any], list[Any]]]  # day -> (tickets, evaluations) from the store


def _own_window(c: Ctx) -> str:
    """A window acts on itself; a manager names the window; an evaluator is tied to one."""
    named = c.args.get("window")
    if c.role == "window":
        if named not in (None, c.device):
            raise HallError(E.NOT_ALLOWED, f"{c.device} may act only on itself, not {named}")
        return c.device
    if c.role == "evaluator":
        w = c.hall.config.window_of_evaluator(c.device)
        if w is None:
            raise HallError(E.NOT_ALLOWED, f"evaluator {c.device} is not tied to a window")
        return w
    if named is None:
        raise HallError(E.BAD_REQUEST, "argument 'window' is required for a manager")
    return str(named)


def sees_name(c: Ctx, t: Ticket) -> bool:
    """The masked name goes only to the window a ticket is at now and that window's evaluator."""
    if t.status not in AT_WINDOW or t.window is None:
        return False
    if c.role == "window":
        return t.window == c.device
    return c.role == "evaluator" and c.hall.config.window_of_evaluator(c.device) == t.window


def _ticket(c: Ctx, t: Ticket) -> TicketWire:
    return wire.ticket(c.hall, t, with_name=sees_name(c, t))


def _ticket_result(c: Ctx, t: Ticket) -> dict[str, Any]:
    ahead = c.hall.ahead(t)
    est = c.hall.est_wait_s(t.group, ahead) if t.status in (Status.WAITING, Status.TRANSFERRED) else 0
    return {"ticket": _ticket(c, t), "ahead": ahead, "est_wait_s": est,
            "queue_status": group_status(c.hall, t.group, len(c.hall.queues[t.group]), c.now)}


def issue(c: Ctx) -> dict[str, Any]:
    citizen = c.args.get("citizen") or {}
    key, masked = citizen.get("key"), citizen.get("name_masked")
    # never let an ID number or a full name in (hallcore.citizen_input has the rules)
    problem = (key_problem(key) if key is not None else None) or (name_problem(masked) if masked is not None else None)
    if problem:
        raise HallError(E.BAD_REQUEST, problem)
    t = c.hall.issue(c.now, c.args["matter"], c.args.get("priority") or "none", c.args.get("appointment"),
                     key, masked, c.device)
    return _ticket_result(c, t)


def check_appointment(c: Ctx) -> dict[str, Any]:
    """The checks ticket.issue makes on a scanned code, without issuing: said at the scan."""
    return {"matter": c.hall.check_appointment(c.now, c.args["appointment"])}


def status(c: Ctx) -> dict[str, Any]:
    c.hall.roll_day(c.now)
    return _ticket_result(c, c.hall.find(c.args["ticket"]))


def _set(state: WindowStatus) -> Callable[[Ctx], dict[str, Any]]:
    def run(c: Ctx) -> dict[str, Any]:
        return {"window": wire.window(c.hall, c.hall.set_status(c.now, _own_window(c), state))}
    return run


def current(c: Ctx) -> dict[str, Any]:
    w = c.hall.window(_own_window(c))
    t = c.hall.tickets.get(w.ticket) if w.ticket else None
    return {"window": wire.window(c.hall, w), "ticket": _ticket(c, t) if t else None}


def call_next(c: Ctx) -> dict[str, Any]:
    t = c.hall.call_next(c.now, c.device)
    return {"ticket": _ticket(c, t) if t else None}


def _ticket_op(name: str) -> Callable[[Ctx], dict[str, Any]]:
    def run(c: Ctx) -> dict[str, Any]:
        h = c.hall
        fn: Callable[[], Ticket] = {"recall": lambda: h.recall(c.now, c.device),
              "number": lambda: h.call_number(c.now, c.device, c.args["number"]),
              "serve": lambda: h.serve(c.now, c.device, c.args.get("outcome")),
              "no_show": lambda: h.no_show(c.now, c.device, c.args.get("outcome")),
              "finish": lambda: h.finish(c.now, c.device, c.args.get("outcome")),
              "transfer": lambda: h.transfer(c.now, c.device, c.args.get("to_group"), c.args.get("to_window"),
                                             c.args.get("note"))}[name]
        return {"ticket": _ticket(c, fn())}
    return run


def assign(c: Ctx) -> dict[str, Any]:
    return {"window": wire.window(c.hall, c.hall.assign(c.now, c.args["window"], c.args["groups"]))}


def _day(c: Ctx) -> str:
    day = c.args.get("date") or c.hall.time.day(c.now)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise HallError(E.BAD_REQUEST, "date must be YYYY-MM-DD")
    return str(day)


def report(c: Ctx) -> dict[str, Any]:
    day = _day(c)
    tickets, evals = c.history(day)
    matters = c.hall.matters
    return {**day_report(day, tickets, evals, c.hall.policy.service_level_s, c.hall.time.hour,
                         lambda code: matters[code].group if code in matters else None),
            "bookings": report_bookings(c, day)}  # 1.1 预约: places, fill, no-shows, punctuality


def evaluate(c: Ctx) -> dict[str, Any]:
    ev = c.hall.evaluate(c.now, _own_window(c), c.args["ticket"], c.args["score"], c.args.get("reasons") or [])
    return {"evaluation": wire.evaluation(ev, c.hall)}


def evaluations(c: Ctx) -> dict[str, Any]:
    _, evals = c.history(_day(c))
    top = c.args.get("max_score", BAD_SCORE)
    return {"evaluations": [wire.evaluation(e, c.hall) for e in evals if e.score <= top]}


def follow_up(c: Ctx) -> dict[str, Any]:
    ev = c.hall.follow_up(c.args["ticket"], c.args["window"], c.args["note"])
    return {"evaluation": wire.evaluation(ev, c.hall)}


HANDLERS: dict[str, Callable[[Ctx], dict[str, Any]]] = {
    "ticket.issue": issue, "ticket.status": status, "appointment.check": check_appointment,
    "window.open": _set(WindowStatus.OPEN), "window.pause": _set(WindowStatus.PAUSED),
    "window.close": _set(WindowStatus.CLOSED), "window.current": current,
    "call.next": call_next, "call.recall": _ticket_op("recall"), "call.number": _ticket_op("number"),
    "ticket.serve": _ticket_op("serve"), "ticket.no_show": _ticket_op("no_show"),
    "ticket.finish": _ticket_op("finish"), "ticket.transfer": _ticket_op("transfer"),
    "window.assign": assign, "hall.report": report,
    "evaluation.submit": evaluate, "evaluation.list": evaluations, "evaluation.follow_up": follow_up,
}
HANDLERS.update(web_handlers(HANDLERS))  # 1.1: the citizen's phone
HANDLERS.update(RULE_HANDLERS)  # park, resume, reactivate: queue_server/handlers_rules.py
HANDLERS.update(BOOKING_HANDLERS)  # 1.1 预约: queue_server/handlers_booking.py
HANDLERS.update(visit_handlers(HANDLERS))  # 1.1: several matters, outcomes, cases, pickup


def _no_id_numbers(handler: Callable[[Ctx], dict[str, Any]]) -> Callable[[Ctx], dict[str, Any]]:
    """Every op refuses an ID number in any argument (a clerk's note too); a signed code is opaque."""
    def run(c: Ctx) -> dict[str, Any]:
        found = find_id_number(c.args, skip=frozenset({"appointment"}))
        if found is not None:
            raise HallError(E.BAD_REQUEST, f"{found} holds an ID number; the hall never takes one")
        return handler(c)
    return run


HANDLERS = {op: _no_id_numbers(fn) for op, fn in HANDLERS.items()}
