"""Each refusal says what is wrong in words an operator can act on (hallbus.errors codes, with the
message the console shows next to the code)."""

from __future__ import annotations

import pytest

from hallbus.errors import HallError
from hallcore.model import WindowStatus
from tests.core.conftest import T0, open_windows


def said(action) -> tuple[str, str]:
    with pytest.raises(HallError) as e:
        action()
    return e.value.code, e.value.message


def test_window_refusals(hall):
    assert said(lambda: hall.call_next(T0, "win-01")) == ("window_closed", "win-01 is closed; open it to call")
    hall.set_status(T0, "win-02", WindowStatus.PAUSED)
    assert said(lambda: hall.call_next(T0, "win-02")) == ("window_closed", "win-02 is paused; open it to call")
    open_windows(hall, "win-01")
    assert said(lambda: hall.recall(T0, "win-01")) == ("no_current_ticket", "win-01 has no current ticket")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0, "win-01")
    assert said(lambda: hall.call_next(T0, "win-01")) == (
        "ticket_in_progress", "win-01 still has A001: finish, no-show or transfer it")
    assert said(lambda: hall.set_status(T0, "win-01", WindowStatus.CLOSED)) == (
        "ticket_in_progress", "win-01 must finish its current ticket before closing")
    hall.serve(T0, "win-01")
    assert said(lambda: hall.serve(T0, "win-01")) == ("invalid_state", "ticket A001 is serving, not called")
    assert said(lambda: hall.no_show(T0, "win-01")) == (
        "invalid_state", "ticket A001 is being served; finish it instead")


def test_assign_refusals(hall):
    assert said(lambda: hall.assign(T0, "win-01", ["nope", "comprehensive", "gone"])) == (
        "unknown_group", "no service group nope, gone")
    assert said(lambda: hall.assign(T0, "win-01", [])) == ("bad_request", "a window serves at least one group")


def test_kiosk_refusals(hall):
    assert said(lambda: hall.issue(T0, "no-such")) == ("unknown_matter", "no matter 'no-such' in the catalog")
    assert said(lambda: hall.issue(T0, "hukou-transfer", "vip")) == ("bad_request", "unknown priority 'vip'")
    assert said(lambda: hall.issue(T0, "hukou-transfer", "appointment")) == (
        "bad_request", "appointment priority needs an appointment code")
    key = "ef" * 16
    hall.issue(T0, "hukou-transfer", citizen_key=key)
    hall.issue(T0, "hukou-transfer", citizen_key=key)
    assert said(lambda: hall.issue(T0, "hukou-transfer", citizen_key=key)) == (
        "limit_reached", "at most 2 tickets a day per citizen for this matter")
    assert said(lambda: hall.issue(T0, "re-transfer", appointment="HQA1.x")) == (
        "appointment_invalid", "appointment code is not valid for this hall")
