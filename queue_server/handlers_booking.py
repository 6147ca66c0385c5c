"""Operations of booking (预约, PROTOCOL 1.1): slots, book and cancel from the gateway; lifting a
no-show block and the day's bookings for the manager. The rules are in hallcore/bookings.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import bookings
from hallcore.booking_report import day_figures
from hallcore.bookings import Block, Booking
from hallcore.citizen_input import key_problem, name_problem

if TYPE_CHECKING:
    from queue_server.handlers import Ctx


def _iso(c: Ctx, ts: float) -> str:
    return datetime.fromtimestamp(ts, c.hall.time.tz).isoformat(timespec="minutes")


def appointment_wire(c: Ctx, b: Booking) -> dict[str, Any]:
    return {"id": b.id, "code": b.code, "slot": {"start": _iso(c, b.start), "end": _iso(c, b.end)},
            "matter": b.matter, "group": b.group, "status": b.status}


def _date(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise HallError(E.BAD_REQUEST, "date must be YYYY-MM-DD")


def _key(key: object) -> str:
    problem = key_problem(key)
    if problem:
        raise HallError(E.BAD_REQUEST, problem)
    return str(key)


def slots(c: Ctx) -> dict[str, Any]:
    group, matter = c.args.get("group"), c.args.get("matter")
    if (group is None) == (matter is None):
        raise HallError(E.BAD_REQUEST, "give exactly one of group or matter")
    if matter is not None:
        m = c.hall.matters.get(matter)
        if m is None:
            raise HallError(E.UNKNOWN_MATTER, f"no matter {matter!r} in the catalog")
        group = m.group
    elif group not in c.hall.groups:
        raise HallError(E.UNKNOWN_GROUP, f"no group {group!r}")
    found = bookings.slots(c.hall, c.now, str(group), _date(c.args["date"]))
    return {"slots": [{"start": _iso(c, s.start), "end": _iso(c, s.end), "capacity": cap, "left": left}
                      for s, cap, left in found]}


def book(c: Ctx) -> dict[str, Any]:
    if c.args.get("package") is not None or c.args.get("matter") is None:
        raise HallError(E.BAD_REQUEST, "give matter (booking a package is not offered yet)")
    citizen = c.args["citizen"]
    masked = citizen.get("name_masked")
    if masked is not None and name_problem(masked):
        raise HallError(E.BAD_REQUEST, str(name_problem(masked)))
    b = bookings.book(c.hall, c.now, c.args["matter"], c.args["slot"], _key(citizen.get("key")), masked,
                      c.args.get("phone"))
    return {"appointment": appointment_wire(c, b)}


def cancel(c: Ctx) -> dict[str, Any]:
    return {"appointment": appointment_wire(c, bookings.cancel(c.hall, c.now, c.args["id"], _key(c.args["citizen_key"])))}


def _block(c: Ctx, key: str, b: Block) -> dict[str, Any]:
    return {"citizen_key": key, "since": _iso(c, b.since), "until": _iso(c, b.until), "reason": b.reason,
            "lifted_at": _iso(c, b.lifted_at) if b.lifted_at else None}


def unblock(c: Ctx) -> dict[str, Any]:
    key = _key(c.args["citizen_key"])
    return {"block": _block(c, key, bookings.unblock(c.hall, c.now, key, c.args["reason"]))}


def listing(c: Ctx) -> dict[str, Any]:
    """The manager's view: a day's bookings per slot (masked names only) and who is blocked."""
    day = _date(c.args.get("date") or c.hall.time.day(c.now)).isoformat()
    bookings.sweep(c.hall, c.now)
    rows = sorted((b for b in c.hall.booking.bookings.values() if b.day == day), key=lambda b: (b.start, b.group))
    blocked = [(k, b) for k, b in c.hall.booking.blocks.items() if bookings.blocked_until(c.hall, c.now, k)]
    masked = {b.citizen_key: b.name_masked for b in c.hall.booking.bookings.values() if b.name_masked}
    return {"bookings": [{"slot": _iso(c, b.start), "group": b.group, "matter": b.matter, "status": b.status,
                          "name_masked": b.name_masked} for b in rows],
            "blocked": [{**_block(c, k, b), "name_masked": masked.get(k)} for k, b in blocked],
            "figures": day_figures(c.hall, day)}


def report_bookings(c: Ctx, day: str) -> dict[str, Any] | None:
    """The day's booking figures for hall.report; None for a hall that books nothing."""
    if not c.hall.config.booking.groups:
        return None
    bookings.sweep(c.hall, c.now)
    return day_figures(c.hall, _date(day).isoformat())


BOOKING_HANDLERS: dict[str, Callable[[Ctx], dict[str, Any]]] = {
    "appointment.slots": slots, "appointment.book": book, "appointment.cancel": cancel,
    "booking.unblock": unblock, "booking.list": listing,
}
