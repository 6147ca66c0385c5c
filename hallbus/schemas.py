"""Message schemas: every operation with the roles that may call it and its arguments.

One table serves three readers: the server validates against it, clients build
requests from it, and docs/protocol.md is checked against it by a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from hallbus.errors import BAD_REQUEST, HallError
from hallbus.models.vocab import Priority, Status
from hallbus.roles import ROLES as ROLES
from hallbus.roles import Role as Role

Kind = Literal["str", "int", "bool", "list[str]", "object"]
MAX_STR = 256
MAX_LIST = 64


@dataclass(frozen=True, slots=True)
class Arg:
    name: str
    kind: Kind
    required: bool = False


@dataclass(frozen=True, slots=True)
class Op:
    name: str
    roles: frozenset[str]
    args: tuple[Arg, ...] = ()


def _op(name: str, roles: str, *args: Arg) -> Op:
    return Op(name, frozenset(roles.split()), args)


ANY = "kiosk window display manager evaluator"
OUTCOME = Arg("outcome", "str")
OPS: dict[str, Op] = {o.name: o for o in (
    _op("ticket.issue", "kiosk", Arg("matter", "str"), Arg("appointment", "str"),
        Arg("citizen", "object"), Arg("priority", "str"),
        Arg("matters", "list[str]"), Arg("package", "str"), Arg("case", "str")),  # 1.1: one of matter/matters/package/case
    _op("ticket.status", ANY, Arg("ticket", "str", True)),
    _op("appointment.check", "kiosk", Arg("appointment", "str", True)),
    _op("window.open", "window manager", Arg("window", "str")),
    _op("window.pause", "window manager", Arg("window", "str")),
    _op("window.close", "window manager", Arg("window", "str")),
    _op("window.current", "window evaluator manager", Arg("window", "str")),
    _op("call.next", "window"),
    _op("call.recall", "window"),
    _op("call.number", "window", Arg("number", "str", True)),
    _op("ticket.serve", "window", OUTCOME),
    _op("ticket.no_show", "window", OUTCOME),
    _op("ticket.finish", "window", OUTCOME),
    _op("ticket.transfer", "window", Arg("to_group", "str"), Arg("to_window", "str"), Arg("note", "str")),
    _op("ticket.park", "window", Arg("note", "str")),
    _op("ticket.resume", "window", Arg("number", "str", True)),
    _op("ticket.reactivate", "kiosk window", Arg("number", "str", True)),
    _op("window.assign", "manager", Arg("window", "str", True), Arg("groups", "list[str]", True)),
    _op("hall.report", "manager", Arg("date", "str")),
    _op("evaluation.submit", "evaluator", Arg("ticket", "str", True), Arg("score", "int", True),
        Arg("reasons", "list[str]")),
    _op("evaluation.list", "manager", Arg("date", "str"), Arg("max_score", "int")),
    _op("evaluation.follow_up", "manager", Arg("ticket", "str", True), Arg("window", "str", True),
        Arg("note", "str", True)),
)}

PRIORITIES: tuple[str, ...] = tuple(Priority)
STATUSES: tuple[str, ...] = tuple(Status)
# 1.1: the citizen's phone (handlers in queue_server/handlers_web.py)
OPS.update({o.name: o for o in (
    _op("ticket.lookup", "web", Arg("ref", "str", True)),
    _op("ticket.check_in", "web kiosk", Arg("ref", "str", True)),
    _op("ticket.remote_issue", "web", Arg("matter", "str", True), Arg("phone_key", "str", True)),
    _op("alert.subscribe", "web", Arg("ref", "str", True), Arg("phone", "str", True), Arg("at_ahead", "int", True)),
    _op("evaluation.submit", "evaluator web", Arg("ticket", "str"), Arg("ref", "str"), Arg("score", "int", True),
        Arg("reasons", "list[str]")),
)})
OPS.update({o.name: o for o in (  # 1.1: 预约 (queue_server/handlers_booking.py)
    _op("appointment.slots", "web", Arg("group", "str"), Arg("matter", "str"), Arg("date", "str", True)),
    _op("appointment.book", "web", Arg("matter", "str"), Arg("package", "str"), Arg("slot", "str", True),
        Arg("citizen", "object", True), Arg("phone", "str")),
    _op("appointment.cancel", "web", Arg("id", "str", True), Arg("citizen_key", "str", True)),
    _op("booking.unblock", "manager", Arg("citizen_key", "str", True), Arg("reason", "str", True)),
    _op("booking.list", "manager", Arg("date", "str")),
)})

# 1.1: one visit, several matters; cases (handlers in queue_server/handlers_visit.py)
OPS.update({o.name: o for o in (
    _op("ticket.outcome", "window", Arg("matter", "str", True), Arg("outcome", "str", True),
        Arg("missing", "list[str]"), Arg("note", "str")),
    _op("case.list", "backoffice", Arg("status", "str")),
    _op("case.update", "backoffice", Arg("id", "str", True), Arg("status", "str", True), Arg("note", "str")),
)})



def _check(arg: Arg, value: Any) -> None:
    ok: bool
    if arg.kind == "str":
        ok = isinstance(value, str) and len(value) <= MAX_STR
    elif arg.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif arg.kind == "bool":
        ok = isinstance(value, bool)
    elif arg.kind == "list[str]":
        ok = (isinstance(value, list) and len(value) <= MAX_LIST
              and all(isinstance(v, str) and len(v) <= MAX_STR for v in value))
    else:
        ok = isinstance(value, dict)
    if not ok:
        raise HallError(BAD_REQUEST, f"argument '{arg.name}' must be {arg.kind}")


def validate_args(op: Op, args: dict[str, Any]) -> None:
    """Raise bad_request for a missing, unknown or wrongly typed argument."""
    known = {a.name for a in op.args}
    extra = sorted(set(args) - known)
    if extra:
        raise HallError(BAD_REQUEST, f"unknown argument(s) for {op.name}: {', '.join(extra)}")
    for arg in op.args:
        if arg.name in args and args[arg.name] is not None:
            _check(arg, args[arg.name])
        elif arg.required:
            raise HallError(BAD_REQUEST, f"missing argument '{arg.name}' for {op.name}")


class NameWire(TypedDict):  # the JSON of hallbus.models.Name
    zh: str
    en: str


class TicketWire(TypedDict):
    id: str
    number: str
    matter: str
    group: str
    status: str
    priority: str
    issued_at: str
    called_at: str | None
    window: str | None


class CallWire(TypedDict):
    ticket: str
    window: str
    window_label: NameWire
    at: str
    recall: bool
