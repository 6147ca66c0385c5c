"""Appointment codes by the rule in docs/protocol.md: ASCII,
`HQA1.<hall>.<matter>.<slot YYYYMMDDTHHMM>.<citizen key prefix or ->.<nonce>.<signature>`, the
signature the first 24 hex digits of HMAC-SHA256 with the hall's key over the rest; valid for its
hall and matter from `appointment_early_min` before its slot to `appointment_late_min` after, once."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from datetime import datetime

import pytest

from hallbus.errors import HallError
from hallcore import appointments
from hallcore.hall import Hall
from hallcore.model import Priority
from tests.core.conftest import DEMO, T0, TZ

SLOT = datetime(2026, 12, 1, 10, 0, tzinfo=TZ)  # the demo hall: 60 min early, 30 min late
SLOT_TS = SLOT.timestamp()
KEY = DEMO.appointment_key


def signed(body: str, key: bytes = KEY) -> str:
    """A code made by hand from the rule, not by appointments.issue."""
    return f"{body}.{hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:24]}"


GOOD = signed("HQA1.demo.re-transfer.20261201T1000.-.n0nce")


def refusal(hall, code, at=SLOT_TS, matter="re-transfer", priority="none"):
    with pytest.raises(HallError) as e:
        hall.issue(at, matter, priority, appointment=code)
    return e.value.code


def test_a_hand_made_code_is_accepted_and_read_back():
    a = appointments.verify(KEY, GOOD, "demo", TZ)
    assert (a.hall, a.matter, a.slot, a.citizen, a.nonce, a.code) == ("demo", "re-transfer", SLOT, None, "n0nce", GOOD)
    assert a.signature == GOOD.rsplit(".", 1)[1] and len(a.signature) == 24
    with_key = signed("HQA1.demo.re-transfer.20261201T1000.0123456789abcdef.n1")
    assert appointments.verify(KEY, with_key, "demo", TZ).citizen == "0123456789abcdef"


def test_issue_writes_the_documented_shape():
    code = appointments.issue(KEY, "demo", "re-transfer", SLOT, citizen_key="ab" * 32, nonce="beef")
    assert code == signed(f"HQA1.demo.re-transfer.20261201T1000.{'ab' * 8}.beef")
    assert appointments.issue(KEY, "demo", "re-transfer", SLOT, nonce="beef") == signed(
        "HQA1.demo.re-transfer.20261201T1000.-.beef")
    a, b = (appointments.issue(KEY, "demo", "m", SLOT) for _ in range(2))
    assert a != b and len(a.split(".")[5]) == 8  # a fresh nonce each time


def test_the_exact_edges_of_an_appointments_window():
    for at in (SLOT_TS - 3600, SLOT_TS, SLOT_TS + 1800):
        h = Hall(DEMO)
        t = h.issue(at, "re-transfer", appointment=GOOD)
        assert t.priority is Priority.APPOINTMENT and t.appointment == GOOD.rsplit(".", 1)[1]
    for at in (SLOT_TS - 3601, SLOT_TS + 1801):
        h = Hall(DEMO)
        assert refusal(h, GOOD, at=at) == "appointment_invalid"
        assert h.appointments_used == set() and h.tickets == {}


def test_once_only_and_recorded_for_the_store(hall):
    t = hall.issue(SLOT_TS, "re-transfer", appointment=GOOD)
    changes = hall.take_changes()
    assert changes.appointments_used == {t.appointment: t.id}
    with pytest.raises(HallError, match="^this appointment was already used$") as e:
        hall.issue(SLOT_TS, "re-transfer", appointment=GOOD)
    assert e.value.code == "appointment_used"
    assert len(hall.tickets) == 1


def test_appointment_priority_needs_a_code(hall):
    assert refusal(hall, None, priority="appointment") == "bad_request"
    assert hall.tickets == {}
    assert hall.issue(SLOT_TS, "re-transfer", "elderly").priority is Priority.ELDERLY
    assert hall.issue(SLOT_TS, "re-transfer", "").priority is Priority.NONE
    assert refusal(hall, None, priority="vip") == "bad_request"


def test_a_code_gives_appointment_priority_whatever_was_asked(hall):
    assert hall.issue(SLOT_TS, "re-transfer", "none", appointment=GOOD).priority is Priority.APPOINTMENT


@pytest.mark.parametrize("code", [
    signed("HQA1.demo.re-transfer.20261201T1000.-.n0nce", b"another key"),        # forged
    GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1"),                                # altered signature
    signed("HQA1.other-hall.re-transfer.20261201T1000.-.n0nce"),                  # another hall
    signed("HQA2.demo.re-transfer.20261201T1000.-.n0nce"),                        # another version
    signed("HQA1.demo.re-transfer.2026-12-01T10.-.n0nce"),                        # a slot that is no time
    signed("HQA1.demo.re-transfer.20261201T1000.-.n0nce.extra"),                  # eight parts
    signed("HQA1.demo.re-transfer.20261201T1000.-"),                              # six parts
    signed("HQA1.demo.re-transfer.20261201T1000.-.n" + "0" * 200),                # over 200 characters
    "HQA1.demo.re-transfer.20261201T1000.-.nönce.0123456789abcdef01234567",       # not ASCII
    "",
])
def test_bad_codes_are_refused_up_front(hall, code):
    assert refusal(hall, code) == "appointment_invalid"
    with pytest.raises(HallError) as e:
        appointments.verify(KEY, code, "demo", TZ)
    assert e.value.code == "appointment_invalid"


def test_a_code_of_exactly_200_characters_is_read():
    body = "HQA1.demo.re-transfer.20261201T1000.-."
    code = signed(body + "n" * (200 - len(body) - 25))
    assert len(code) == 200 and appointments.verify(KEY, code, "demo", TZ).hall == "demo"
    longer = signed(body + "n" * (201 - len(body) - 25))
    assert len(longer) == 201 and refusal(Hall(DEMO), longer) == "appointment_invalid"


def test_a_hall_without_a_key_refuses_every_code():
    keyless = dataclasses.replace(DEMO, appointment_key=b"")
    h = Hall(keyless)
    code = signed("HQA1.demo.re-transfer.20261201T1000.-.n0nce", b"")  # signed with the empty key
    assert refusal(h, code) == "appointment_invalid"
    with pytest.raises(HallError):
        appointments.verify(b"", code, "demo", TZ)


def test_a_code_for_another_matter_says_so(hall):
    with pytest.raises(HallError, match="^the appointment is for another matter$") as e:
        hall.issue(SLOT_TS, "re-mortgage", appointment=GOOD)
    assert e.value.code == "appointment_invalid"
    with pytest.raises(HallError, match="^the appointment is for 2026-12-01 10:00, outside its slot$"):
        hall.issue(T0 - 7200, "re-transfer", appointment=GOOD)
