"""Cases (办件): each matter accepted at the front becomes one, approved at the back, picked up at the front.

受理 at the comprehensive window, 审批 in the department's back office, 出件 at the pickup windows.
A case number (办件编号) is the day, a sequence and a keyed check: printed on the slip and typed or
scanned at a kiosk for the pickup ticket, it cannot be guessed from a neighbour's.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from enum import StrEnum

from hallbus import errors as E
from hallbus.errors import HallError

CHECK_CHARS = 6  # 24 bits of HMAC: a typed number with a wrong check is refused


class CaseStatus(StrEnum):
    SUBMITTED = "submitted"  # accepted at the window, waiting at the back office
    APPROVED = "approved"
    REJECTED = "rejected"
    READY = "ready"  # results ready: with `pickup`, a kiosk issues a pickup ticket
    COLLECTED = "collected"


# what a back office may set, from what (a rejected or collected case is closed)
MOVES: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.SUBMITTED: frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.READY}),
    CaseStatus.APPROVED: frozenset({CaseStatus.READY, CaseStatus.REJECTED}),
    CaseStatus.READY: frozenset(),
    CaseStatus.REJECTED: frozenset(),
    CaseStatus.COLLECTED: frozenset(),
}
SETTABLE = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.READY})


@dataclass(slots=True)
class Case:
    id: str
    number: str
    ticket: str
    matter: str
    department: str
    day: str
    created_at: float
    pickup: bool = False
    status: CaseStatus = CaseStatus.SUBMITTED
    updated_at: float = 0.0
    note: str | None = None
    pickup_ticket: str | None = None


def _check(key: bytes, hall: str, base: str) -> str:
    return hmac.new(key or b"\x00", f"{hall}\x00case\x00{base}".encode(), hashlib.sha256).hexdigest()[
        :CHECK_CHARS].upper()


@dataclass(slots=True)
class CaseBook:
    """Every open case of the hall, by id and number; the day's sequence for new numbers."""

    cases: dict[str, Case] = field(default_factory=dict)
    by_number: dict[str, str] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)  # day -> last sequence

    def add(self, c: Case) -> None:
        self.cases[c.id] = c
        self.by_number[c.number] = c.id
        n = int(c.number.split("-")[0][8:])
        self.seq[c.day] = max(self.seq.get(c.day, 0), n)

    def open_case(self, key: bytes, hall: str, now: float, day: str, ticket: str, matter: str, department: str,
                  pickup: bool) -> Case:
        seq = self.seq.get(day, 0) + 1
        base = f"{day.replace('-', '')}{seq:04d}"
        number = f"{base}-{_check(key, hall, base)}"
        c = Case(id=f"case-{number}", number=number, ticket=ticket, matter=matter, department=department, day=day,
                 created_at=now, pickup=pickup, updated_at=now)
        self.add(c)
        return c

    def get(self, case_id: str) -> Case:
        c = self.cases.get(case_id) or self.cases.get(self.by_number.get(case_id.upper(), ""))
        if c is None:
            raise HallError(E.UNKNOWN_TICKET, f"no case {case_id!r}")
        return c

    def update(self, now: float, case_id: str, status: str, note: str | None, department: str | None) -> Case:
        c = self.get(case_id)
        if department is not None and c.department != department:
            raise HallError(E.NOT_ALLOWED, f"case {c.number} belongs to {c.department}")
        try:
            to = CaseStatus(status)
        except ValueError:
            to = None
        if to not in SETTABLE:
            raise HallError(E.BAD_REQUEST, "status must be approved, rejected or ready")
        assert to is not None
        if to not in MOVES[c.status]:
            raise HallError(E.INVALID_STATE, f"case {c.number} is {c.status.value}: it cannot become {to.value}")
        c.status, c.note, c.updated_at = to, note if note is not None else c.note, now
        return c

    def for_pickup(self, number: str) -> Case:
        """A case whose results wait at the hall: the one state a pickup ticket may be issued from."""
        c = self.get(number)
        if not c.pickup:
            raise HallError(E.INVALID_STATE, f"case {c.number} has no results to collect at the hall")
        if c.status is not CaseStatus.READY or c.pickup_ticket is not None:
            raise HallError(E.INVALID_STATE, f"case {c.number} is {c.status.value}: not ready for pickup"
                            if c.pickup_ticket is None else f"case {c.number} already has a pickup ticket")
        return c
