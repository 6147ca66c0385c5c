"""Operations of the citizen's phone (role `web`, PROTOCOL 1.1): look-up, check-in, rating by ref.

Every op takes a ref, never a number: a number is guessable, a ref is not. A wrong or altered
ref gets `unknown_ticket` with the same words whatever was wrong, after the same work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import remote
from hallcore.alerts import Alert
from hallcore.model import QUEUED, Evaluation, Status, Ticket
from hallcore.phone import BadPhone, mask, unseal
from hallcore.ticket_ref import check_ref
from queue_server import wire
from queue_server.wire_web import ticket_result

if TYPE_CHECKING:
    from queue_server.handlers import Ctx

Handler = Callable[["Ctx"], dict[str, Any]]
CITIZEN_KEY = re.compile(r"^[0-9a-f]{32,128}$")
NO_TICKET = "no such ticket"  # the one answer for every wrong ref: no hint which part was wrong
DAY_S = 86400
RATED = (Status.SERVING, Status.DONE, Status.TRANSFERRED)


def _ticket_of(c: Ctx) -> Ticket:
    """Today's ticket of a ref, or one from an earlier day (a rating days later) from the store."""
    tid = check_ref(c.hall.config.web.ref_key, c.hall.config.id, c.args.get("ref"))
    if tid is None:
        raise HallError(E.UNKNOWN_TICKET, NO_TICKET)
    t = c.hall.tickets.get(tid)
    if t is None:
        day = f"{tid[0:4]}-{tid[4:6]}-{tid[6:8]}"
        t = next((x for x in c.history(day)[0] if x.id == tid), None)
    if t is None:
        raise HallError(E.UNKNOWN_TICKET, NO_TICKET)
    return t


def lookup(c: Ctx) -> dict[str, Any]:
    c.hall.roll_day(c.now)
    remote.forfeit(c.hall, c.now)
    return ticket_result(c.hall, _ticket_of(c))


def check_in(c: Ctx) -> dict[str, Any]:
    """A ticket scanned at a kiosk: the citizen is in the hall (a remote ticket may now be called)."""
    c.hall.roll_day(c.now)
    remote.forfeit(c.hall, c.now)
    t = _ticket_of(c)
    if t.day != c.hall.day:
        raise HallError(E.INVALID_STATE, f"ticket {t.number} is from {t.day}, not today")
    remote.check_in(c.hall, t)
    return ticket_result(c.hall, t)


def remote_issue(c: Ctx) -> dict[str, Any]:
    """A ticket taken on a phone whose number was verified (the gateway sends only its key)."""
    h = c.hall
    h.roll_day(c.now)
    key = c.args["phone_key"]
    if not CITIZEN_KEY.match(key):
        raise HallError(E.BAD_REQUEST, "phone_key must be a salted hash in lowercase hex, never a number")
    m = h.matters.get(c.args["matter"])
    if m is None:
        raise HallError(E.UNKNOWN_MATTER, f"no matter {c.args['matter']!r} in the catalog")
    remote.check_issue(h, c.now, m.group, key)
    t = h.issue(c.now, m.code, "none", kiosk=c.device)
    remote.add(h, t, key)
    return ticket_result(h, t)


def _call_next(original: Handler) -> Handler:
    def run(c: Ctx) -> dict[str, Any]:
        if c.hall.remote and c.role == "window":
            c.hall.roll_day(c.now)
            remote.forfeit(c.hall, c.now)
            remote.pass_over(c.hall, c.now, c.device)  # remote tickets not checked in are passed over
        return original(c)
    return run


def subscribe(c: Ctx) -> dict[str, Any]:
    """'Tell me when': the phone arrives sealed for this ticket; it is kept sealed and erased with it."""
    c.hall.roll_day(c.now)
    if not c.hall.config.web.sms_url:
        raise HallError(E.NOT_ALLOWED, "this hall sends no text messages")
    t, at = _ticket_of(c), c.args["at_ahead"]
    if not 1 <= at <= 10:
        raise HallError(E.BAD_REQUEST, "at_ahead must be 1 to 10")
    if t.day != c.hall.day or t.status not in QUEUED:
        raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}, not waiting")
    try:
        phone = unseal(c.hall.config.web.seal_key, t.id, c.args["phone"])
    except BadPhone as exc:
        raise HallError(E.BAD_REQUEST, str(exc)) from None
    old = c.hall.alerts.get(t.id)
    a = Alert(t.id, c.args["phone"], at, old.near_sent if old else False, False)
    c.hall.alerts[t.id] = a
    c.hall.changes.alerts[t.id] = a
    return {"subscription": {"ticket": t.number, "at_ahead": at, "phone": mask(phone)}}


def _rate_by_ref(c: Ctx) -> dict[str, Any]:
    h, t = c.hall, _ticket_of(c)
    score, reasons = c.args["score"], list(c.args.get("reasons") or [])
    if not 1 <= score <= 5:
        raise HallError(E.BAD_REQUEST, "score must be 1 (very dissatisfied) to 5 (very satisfied)")
    if t.window is None or t.status not in RATED:
        raise HallError(E.INVALID_STATE, f"ticket {t.number} has not been served yet")
    days = h.config.web.rating_days
    if c.now - (t.finished_at or t.called_at or t.issued_at) > days * DAY_S:
        raise HallError(E.RATING_CLOSED, f"ratings close {days} days after the visit")
    if t.day == h.day:  # today's: the same path as the evaluator beside the window
        return {"evaluation": wire.evaluation(h.evaluate(c.now, t.window, t.id, score, reasons), h)}
    if any(e.ticket == t.id and e.window == t.window for e in c.history(t.day)[1]):
        raise HallError(E.ALREADY_EVALUATED, f"ticket {t.number} was already rated")
    ev = Evaluation(t.id, t.window, score, reasons, c.now, t.day)  # counted on the day of the visit
    h.changes.evaluations.append(ev)
    return {"evaluation": wire.evaluation(ev, h)}


def web_handlers(handlers: dict[str, Handler]) -> dict[str, Handler]:
    evaluator_submit = handlers["evaluation.submit"]

    def submit(c: Ctx) -> dict[str, Any]:
        if c.role == "web":
            return _rate_by_ref(c)
        if c.args.get("ticket") is None:
            raise HallError(E.BAD_REQUEST, "missing argument 'ticket' for evaluation.submit")
        return evaluator_submit(c)

    return {"ticket.lookup": lookup, "ticket.check_in": check_in, "evaluation.submit": submit,
            "alert.subscribe": subscribe, "ticket.remote_issue": remote_issue,
            "call.next": _call_next(handlers["call.next"])}
