"""Appointment codes: ASCII, HMAC-signed with the hall's key, usable once inside their slot.

`HQA1.<hall>.<matter>.<slot YYYYMMDDTHHMM>.<citizen key prefix or ->.<nonce>.<signature>`
The signature is the first 24 hex digits of HMAC-SHA256 over everything before it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from hallbus.errors import APPOINTMENT_INVALID, HallError

PREFIX = "HQA1"
SIG_HEX = 24
CITIZEN_PREFIX = 16  # hex digits of the citizen key in a code: 64 bits, enough to tell citizens apart


@dataclass(frozen=True, slots=True)
class Appointment:
    hall: str
    matter: str
    slot: datetime
    citizen: str | None
    nonce: str
    code: str

    @property
    def signature(self) -> str:
        return self.code.rsplit(".", 1)[1]


def _sign(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).hexdigest()[:SIG_HEX]


def issue(key: bytes, hall: str, matter: str, slot: datetime, citizen_key: str | None = None,
          nonce: str | None = None) -> str:
    ck = citizen_key[:CITIZEN_PREFIX] if citizen_key else "-"
    body = ".".join((PREFIX, hall, matter, slot.strftime("%Y%m%dT%H%M"), ck, nonce or secrets.token_hex(4)))
    return f"{body}.{_sign(key, body)}"


def booked_by(a: Appointment, citizen_key: str | None) -> bool:
    """Whether `citizen_key` is the citizen a code was issued for (a code for anyone: always)."""
    if a.citizen is None:
        return True
    return citizen_key is not None and hmac.compare_digest(citizen_key[:CITIZEN_PREFIX].encode(), a.citizen.encode())


def verify(key: bytes, code: str, hall: str, tz: object) -> Appointment:
    """Check the signature and shape; the slot's time window is the hall's business."""
    invalid = HallError(APPOINTMENT_INVALID, "appointment code is not valid for this hall")
    if not key or not code.isascii() or len(code) > 200:
        raise invalid
    parts = code.split(".")
    if len(parts) != 7 or parts[0] != PREFIX:
        raise invalid
    body, sig = code.rsplit(".", 1)
    if not hmac.compare_digest(_sign(key, body), sig):
        raise invalid
    _, p_hall, matter, slot_text, ck, nonce, _ = parts
    if p_hall != hall:
        raise invalid
    try:
        slot = datetime.strptime(slot_text, "%Y%m%dT%H%M").replace(tzinfo=tz)  # type: ignore[arg-type]
    except ValueError as exc:
        raise invalid from exc
    return Appointment(p_hall, matter, slot, None if ck == "-" else ck, nonce, code)
