"""Appointment codes: signed with the hall key, for one matter, inside the slot, used once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hallbus.errors import HallError
from hallcore import appointments
from hallcore.model import Priority
from tests.core.conftest import T0, TZ

SLOT = datetime.fromtimestamp(T0, TZ) + timedelta(minutes=30)


def code(hall, matter="re-transfer", slot=SLOT, key=None):
    return appointments.issue(key or hall.config.appointment_key, "demo", matter, slot)


def refused(hall, c, matter="re-transfer", at=T0):
    with pytest.raises(HallError) as e:
        hall.issue(at, matter, appointment=c)
    return e.value.code


def test_valid_code_gives_appointment_priority_once(hall):
    c = code(hall)
    t = hall.issue(T0, "re-transfer", appointment=c)
    assert t.priority is Priority.APPOINTMENT
    assert refused(hall, c) == "appointment_used"


def test_forged_altered_and_foreign_codes_are_invalid(hall):
    assert refused(hall, code(hall, key=b"not-the-hall-key")) == "appointment_invalid"
    good = code(hall)
    altered = good.replace("re-transfer", "re-mortgage")
    assert refused(hall, altered, matter="re-mortgage") == "appointment_invalid"
    assert refused(hall, "HQA1.garbage") == "appointment_invalid"
    assert refused(hall, "预约码") == "appointment_invalid"


def test_code_for_another_matter_or_outside_its_slot(hall):
    assert refused(hall, code(hall), matter="re-mortgage") == "appointment_invalid"
    yesterday = SLOT - timedelta(days=1)
    assert refused(hall, code(hall, slot=yesterday)) == "appointment_invalid"
    far_later = SLOT + timedelta(hours=5)
    assert refused(hall, code(hall, slot=far_later)) == "appointment_invalid"


def test_a_code_booked_for_a_citizen_needs_that_citizen(hall):
    booked, other = "a1" * 32, "b2" * 32
    c = appointments.issue(hall.config.appointment_key, "demo", "re-transfer", SLOT, citizen_key=booked)
    for key in (other, None, "无"):
        with pytest.raises(HallError) as e:
            hall.issue(T0, "re-transfer", appointment=c, citizen_key=key)
        assert e.value.code == "appointment_invalid" and "booked for a citizen" in e.value.message
    assert hall.issue(T0, "re-transfer", appointment=c, citizen_key=booked).priority is Priority.APPOINTMENT
