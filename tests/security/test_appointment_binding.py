"""Hole 4: a code issued for one citizen's key was accepted with another key and with none (the hall
ignored the `citizen` that `appointments.verify` returns). Codes signed by provisioning, as a
booking system would, and used at the real server by a kiosk."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from provisioning.main import main
from tests.security.conftest import Hall, Server

MATTER = "re-transfer"


def _code(hall: Hall, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    slot = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M")  # the hall's timezone
    capsys.readouterr()
    assert main(["appointment", "issue", "--dir", str(hall.dir), "--matter", MATTER, "--slot", slot, *extra]) == 0
    return capsys.readouterr().out.strip()


def test_a_code_booked_for_a_citizen_is_refused_to_anyone_else(hall: Hall, server: Server,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    booked, other = secrets.token_hex(32), secrets.token_hex(32)
    code = _code(hall, capsys, "--citizen-key", booked)
    kiosk = hall.bus("kiosk-01")
    try:
        for citizen in ({"key": other}, {}, {"name_masked": "李*"}):
            r = kiosk.request("ticket.issue", {"matter": MATTER, "appointment": code, "citizen": citizen})
            assert r.error_code == "appointment_invalid" and "booked for a citizen" in (r.error_message or ""), r
        r = kiosk.request("ticket.issue", {"matter": MATTER, "appointment": code, "citizen": {"key": booked}})
        assert r.ok and r.result["ticket"]["priority"] == "appointment", r
        # an open code (no citizen) still works for anyone, and only once
        open_code = _code(hall, capsys)
        assert kiosk.request("ticket.issue", {"matter": MATTER, "appointment": open_code}).ok
        assert kiosk.request("ticket.issue", {"matter": MATTER, "appointment": open_code}).error_code \
            == "appointment_used"
    finally:
        kiosk.stop()


def test_the_kiosks_check_of_a_booked_code_binds_no_one(hall: Hall, server: Server,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # appointment.check runs before the citizen's card is read: it answers the matter, and only
    # ticket.issue asks for the booked citizen
    booked = secrets.token_hex(32)
    code = _code(hall, capsys, "--citizen-key", booked)
    kiosk = hall.bus("kiosk-01")
    try:
        r = kiosk.request("appointment.check", {"appointment": code})
        assert r.ok and r.result == {"matter": MATTER}, r
        r = kiosk.request("ticket.issue", {"matter": MATTER, "appointment": code})
        assert r.error_code == "appointment_invalid" and "booked for a citizen" in (r.error_message or ""), r
        assert kiosk.request("ticket.issue", {"matter": MATTER, "appointment": code,
                                              "citizen": {"key": booked}}).ok
        assert kiosk.request("appointment.check", {"appointment": code}).error_code == "appointment_used"
    finally:
        kiosk.stop()
