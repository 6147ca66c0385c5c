"""Bookings (预约): slots with places left, book, cancel, check-in, no-shows and blocks.

State lives on the Hall (`hall.booking`), changes go in `hall.changes.bookings` / `.blocks` so
the server stores them in the same transaction as the answer. One booking's code is the signed
HQA1 code kiosks already check (hallcore/appointments.py), bound to the citizen's key.
Citizen-facing messages: Chinese first, then English.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import appointments
from hallcore.booking_rules import GroupBooking
from hallcore.slots import Slot, day_slots, slot_at

if TYPE_CHECKING:
    from hallcore.hall import Hall

BOOKED, CANCELLED, CHECKED_IN, NO_SHOW = "booked", "cancelled", "checked_in", "no_show"
HOLDS_PLACE = frozenset({BOOKED, CHECKED_IN, NO_SHOW})


@dataclass(slots=True)
class Booking:
    id: str
    group: str
    matter: str
    day: str  # the slot's local day
    start: float
    end: float
    citizen_key: str
    name_masked: str | None
    code: str
    status: str = BOOKED
    created_at: float = 0.0
    phone_sealed: str | None = None
    ticket: str | None = None  # the ticket it was checked in with

    @property
    def signature(self) -> str:
        return self.code.rsplit(".", 1)[1]


@dataclass(slots=True)
class Block:
    citizen_key: str
    since: float
    until: float  # booking is refused before this
    reason: str | None = None  # set when a manager lifted it (booking.unblock)
    lifted_at: float | None = None


@dataclass(slots=True)
class BookingState:
    bookings: dict[str, Booking] = field(default_factory=dict)  # by id
    by_sig: dict[str, str] = field(default_factory=dict)  # code signature -> booking id
    taken: dict[tuple[str, float], int] = field(default_factory=dict)  # (group, slot start) -> places held
    blocks: dict[str, Block] = field(default_factory=dict)  # by citizen key
    held: dict[str, tuple[str, float]] = field(default_factory=dict)  # booking id -> the place it holds

    def add(self, b: Booking) -> None:
        """Put a new or changed booking in, keeping the places count exact (a cancel frees one)."""
        was = self.held.pop(b.id, None)
        if was is not None:
            self.taken[was] -= 1
        self.bookings[b.id] = b
        self.by_sig[b.signature] = b.id
        if b.status in HOLDS_PLACE:
            key = (b.group, b.start)
            self.taken[key] = self.taken.get(key, 0) + 1
            self.held[b.id] = key


def _rule(hall: Hall, group: str) -> GroupBooking:
    rule = hall.config.booking.groups.get(group)
    if rule is None:
        raise HallError(E.UNKNOWN_GROUP, f"该事项不接受预约 / group {group!r} takes no bookings")
    return rule


def _hhmm(hall: Hall, ts: float) -> str:
    return datetime.fromtimestamp(ts, hall.time.tz).strftime("%H:%M")


def _when(hall: Hall, ts: float) -> str:
    return datetime.fromtimestamp(ts, hall.time.tz).strftime("%Y-%m-%d %H:%M")


def _check_day(hall: Hall, rule: GroupBooking, now: float, day: date) -> None:
    today = datetime.fromtimestamp(now, hall.time.tz).date()
    if day.isoformat() in hall.config.booking.closures:
        raise HallError(E.CLOSED_DAY, f"{day.isoformat()} 大厅不办公 / the hall is closed on {day.isoformat()}")
    if day < today:
        raise HallError(E.TOO_LATE, f"{day.isoformat()} 已过 / {day.isoformat()} is past")
    if day > today + timedelta(days=rule.days_ahead):
        last = (today + timedelta(days=rule.days_ahead)).isoformat()
        raise HallError(E.TOO_EARLY, f"最多可预约至 {last} / bookings open {rule.days_ahead} days ahead, up to {last}")


def slots(hall: Hall, now: float, group: str, day: date) -> list[tuple[Slot, int, int]]:
    """(slot, capacity, places left) for every slot of the day still open for booking."""
    rule = _rule(hall, group)
    _check_day(hall, rule, now, day)
    sweep(hall, now)
    out = []
    for s in day_slots(rule, day, hall.time.tz):
        if now <= s.start - rule.last_booking_s:
            out.append((s, rule.places, rule.places - hall.booking.taken.get((group, s.start), 0)))
    return out


def blocked_until(hall: Hall, now: float, citizen_key: str) -> float | None:
    blk = hall.booking.blocks.get(citizen_key)
    if blk is None or blk.lifted_at is not None or blk.until <= now:
        return None
    return blk.until


def book(hall: Hall, now: float, matter: str, start: str, citizen_key: str, name_masked: str | None,
         phone_sealed: str | None = None) -> Booking:
    m = hall.matters.get(matter)
    if m is None:
        raise HallError(E.UNKNOWN_MATTER, f"no matter {matter!r} in the catalog")
    rule = _rule(hall, m.group)
    try:
        at = datetime.fromisoformat(start)
    except ValueError:
        raise HallError(E.BAD_REQUEST, f"slot must be a start time like 2026-12-02T09:30, not {start!r}") from None
    at = at.astimezone(hall.time.tz) if at.tzinfo else at.replace(tzinfo=hall.time.tz)
    _check_day(hall, rule, now, at.date())
    slot = slot_at(rule, at)
    if slot is None:
        raise HallError(E.BAD_REQUEST, f"{start} 不是可预约时段 / {start} is not the start of a slot")
    if now > slot.start - rule.last_booking_s:
        raise HallError(E.TOO_LATE, f"该时段预约已于 {_hhmm(hall, slot.start - rule.last_booking_s)} 截止 / "
                                    f"booking for this slot closed at {_hhmm(hall, slot.start - rule.last_booking_s)}")
    sweep(hall, now)
    until = blocked_until(hall, now, citizen_key)
    if until is not None:
        end = datetime.fromtimestamp(until, hall.time.tz).date().isoformat()
        raise HallError(E.BOOKING_BLOCKED, f"多次预约未到，{end} 前不能预约 / "
                                           f"too many missed appointments: booking is blocked until {end}")
    day = at.date().isoformat()
    for b in hall.booking.bookings.values():
        if b.citizen_key == citizen_key and b.group == m.group and b.day == day and b.status != CANCELLED:
            raise HallError(E.LIMIT_REACHED, f"每人每天每类事项只能预约一次 / one booking a day per citizen "
                                             f"for this service (you have {_hhmm(hall, b.start)})")
    if hall.booking.taken.get((m.group, slot.start), 0) >= rule.places:
        raise HallError(E.SLOT_FULL, f"{_hhmm(hall, slot.start)} 时段已约满 / the {_hhmm(hall, slot.start)} slot is full")
    nonce = secrets.token_hex(4)
    code = appointments.issue(hall.config.appointment_key, hall.config.id, m.code, slot.local(hall.time.tz),
                              citizen_key, nonce)
    b = Booking(f"b{secrets.token_hex(8)}", m.group, m.code, day, slot.start, slot.end, citizen_key,
                name_masked, code, BOOKED, now, phone_sealed)
    hall.booking.add(b)
    hall.changes.bookings[b.id] = b
    return b


def cancel(hall: Hall, now: float, booking_id: str, citizen_key: str) -> Booking:
    b = hall.booking.bookings.get(booking_id)
    if b is None or not hmac.compare_digest(b.citizen_key.encode(), citizen_key.encode()):
        raise HallError(E.UNKNOWN_TICKET, "没有该预约 / no such booking")  # no hint whether the id exists
    if b.status == CANCELLED:
        return b  # cancelling twice is asking for what is already true
    if b.status != BOOKED:
        raise HallError(E.INVALID_STATE, f"该预约已{'签到' if b.status == CHECKED_IN else '过期'}，不能取消 / "
                                         f"the booking is {b.status.replace('_', '-')}: it cannot be cancelled")
    rule = _rule(hall, b.group)
    if now > b.start - rule.cancel_until_s:
        raise HallError(E.TOO_LATE, f"取消截止于 {_when(hall, b.start - rule.cancel_until_s)} / "
                                    f"cancelling closed at {_when(hall, b.start - rule.cancel_until_s)}")
    b.status, b.phone_sealed = CANCELLED, None  # the phone number goes with the booking
    hall.booking.add(b)
    hall.changes.bookings[b.id] = b
    return b


def unblock(hall: Hall, now: float, citizen_key: str, reason: str) -> Block:
    blk = hall.booking.blocks.get(citizen_key)
    if blk is None or blocked_until(hall, now, citizen_key) is None:
        raise HallError(E.INVALID_STATE, "this citizen is not blocked")
    if not reason.strip():
        raise HallError(E.BAD_REQUEST, "an unblock needs a reason (it is kept in the log of actions)")
    blk.reason, blk.lifted_at = reason.strip(), now
    hall.changes.blocks[citizen_key] = blk
    return blk


def sweep(hall: Hall, now: float) -> None:
    """Bookings never checked in become no-shows at the slot's end plus the late margin; enough of
    them inside the rule's window block the citizen (no-shows before a block's start count no more)."""
    late = hall.policy.appointment_late_s
    rule = hall.config.booking.no_show
    for b in list(hall.booking.bookings.values()):
        if b.status != BOOKED or now <= b.end + late:
            continue
        b.status, b.phone_sealed = NO_SHOW, None
        hall.changes.bookings[b.id] = b
        old = hall.booking.blocks.get(b.citizen_key)
        if blocked_until(hall, now, b.citizen_key) is not None:
            continue
        since = now - rule.within_days * 86400.0
        if old is not None:
            since = max(since, old.since)  # a lifted or ended block wipes the slate
        missed = sum(1 for x in hall.booking.bookings.values()
                     if x.citizen_key == b.citizen_key and x.status == NO_SHOW and x.start >= since)
        if missed >= rule.count:
            blk = Block(b.citizen_key, now, now + rule.block_days * 86400.0)
            hall.booking.blocks[b.citizen_key] = blk
            hall.changes.blocks[b.citizen_key] = blk


def for_code(hall: Hall, signature: str) -> Booking | None:
    bid = hall.booking.by_sig.get(signature)
    return hall.booking.bookings.get(bid) if bid else None


def check_in_window(hall: Hall, now: float, b: Booking) -> None:
    """Why a booked code cannot take a ticket now, as the citizen should read it at the kiosk."""
    if b.status == CANCELLED:
        raise HallError(E.APPOINTMENT_INVALID, "该预约已取消 / this appointment was cancelled")
    if b.status == CHECKED_IN:
        raise HallError(E.APPOINTMENT_USED, "该预约已签到取号 / this appointment was already used")
    if b.day != hall.time.day(now):
        raise HallError(E.APPOINTMENT_INVALID, f"该预约是 {_when(hall, b.start)} 的，不是今天 / "
                                               f"this appointment is for another day: {_when(hall, b.start)}")
    opens = b.start - hall.policy.appointment_early_s
    if now < opens:
        raise HallError(E.TOO_EARLY, f"签到时间未到，请于 {_hhmm(hall, opens)} 后再来 / "
                                     f"too early: come back at {_hhmm(hall, opens)}")
    if now > b.end + hall.policy.appointment_late_s or b.status == NO_SHOW:
        raise HallError(E.TOO_LATE, f"已超过签到时间 {_hhmm(hall, b.end + hall.policy.appointment_late_s)}，请重新预约或现场取号 / "
                                    f"too late: check-in closed at {_hhmm(hall, b.end + hall.policy.appointment_late_s)}")


def checked_in(hall: Hall, signature: str, ticket: str) -> None:
    b = for_code(hall, signature)
    if b is not None:
        b.status, b.ticket, b.phone_sealed = CHECKED_IN, ticket, None
        hall.booking.add(b)
        hall.changes.bookings[b.id] = b


def restore_bookings(hall: Hall, items: list[Booking], blocks: list[Block]) -> None:
    hall.booking = BookingState()
    for b in items:
        hall.booking.add(b)
    hall.booking.blocks = {b.citizen_key: b for b in blocks}


def apply_closures(hall: Hall) -> list[Booking]:
    """A closure day added after bookings were made cancels them (run when the hall file is loaded);
    the bookings cancelled are returned, so that each citizen can be told once."""
    closed = hall.config.booking.closures
    out = []
    for b in hall.booking.bookings.values():
        if b.status == BOOKED and b.day in closed:
            b.status = CANCELLED
            hall.booking.add(b)
            hall.changes.bookings[b.id] = b
            out.append(b)
    return out


def closure_texts(hall: Hall, changed: dict[str, Booking]) -> list[tuple[Booking, str]]:
    """(booking, text) for each booking a closure day just cancelled that has a phone: told once."""
    name = hall.config.name
    out = []
    for b in changed.values():
        if b.status == CANCELLED and b.day in hall.config.booking.closures and b.phone_sealed:
            when = _when(hall, b.start)
            out.append((b, f"【{name.zh}】{b.day} 大厅不办公，您 {when} 的预约已取消，请重新预约。"
                           f" {name.en}: the hall is closed on {b.day}; your booking for {when} is cancelled."))
    return out
