"""Daily caps and last-ticket time (限号, 停止取号), with a share kept for appointments."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore import appointments
from hallcore.hallfile import HallFileError, load_hall, parse_hall
from hallcore.rules_status import CLOSED_FOR_TODAY, OPEN, group_status
from tests.core.conftest import T0, TZ, open_windows
from tests.core.rules_halls import hall_with_rules, rules_text


def refused(h, matter="re-mortgage", at=T0, **kw) -> str:
    with pytest.raises(HallError) as e:
        h.issue(at, matter, **kw)
    assert e.value.code == "tickets_closed"
    return e.value.message


def test_a_daily_cap_closes_the_group_with_a_whole_message():
    h = hall_with_rules('opens = "08:30"\n[[rules.caps]]\ngroup = "real_estate"\ndaily = 3')
    for _ in range(3):
        h.issue(T0, "re-mortgage")
    msg = refused(h)
    assert msg.startswith("「不动产登记」今日 3 个号已取完，请明天 08:30 起再来取号。")
    assert "Tickets for Real-estate registration are over for today" in msg and "tomorrow from 08:30" in msg
    assert group_status(h, "real_estate", 3, T0) in (CLOSED_FOR_TODAY, "no_window")
    open_windows(h, "win-08")
    assert group_status(h, "real_estate", 3, T0) == CLOSED_FOR_TODAY
    h.issue(T0, "hukou-transfer")  # other groups go on
    h.issue(T0 + 86400, "re-mortgage")  # and tomorrow it opens again


def test_a_share_is_kept_for_appointments():
    h = hall_with_rules('[[rules.caps]]\nmatter = "re-mortgage"\ndaily = 4\nappointment_share = 0.5')
    h.issue(T0, "re-mortgage")
    h.issue(T0, "re-mortgage")
    assert refused(h).startswith("「")
    slot = datetime.fromtimestamp(T0, TZ).replace(minute=0)
    for _ in range(2):
        code = appointments.issue(h.config.appointment_key, "demo", "re-mortgage", slot)
        h.issue(T0, "re-mortgage", appointment=code)
    code = appointments.issue(h.config.appointment_key, "demo", "re-mortgage", slot)
    refused(h, appointment=code)
    assert group_status(h, "real_estate", 0, T0) == OPEN  # a matter's cap leaves its group open


def test_last_ticket_time_refuses_walk_ins_only():
    h = hall_with_rules('[[rules.caps]]\ngroup = "enterprise"\nlast_ticket = "16:30"')
    late = datetime(2026, 12, 1, 16, 30, tzinfo=TZ).timestamp()
    h.issue(late - 60, "biz-license")
    assert "16:30 已停止取号" in refused(h, "biz-license", late)
    slot = datetime.fromtimestamp(late, TZ).replace(minute=0)
    h.issue(late, "biz-license", appointment=appointments.issue(h.config.appointment_key, "demo", "biz-license", slot))


def test_automatic_last_ticket_is_closing_time_minus_the_expected_wait():
    h = hall_with_rules('closes = "17:30"\nauto_last_ticket = true')
    open_windows(h, "win-11")  # one window, 20 min a ticket
    at = datetime(2026, 12, 1, 16, 0, tzinfo=TZ).timestamp()
    for _ in range(5):  # the fifth waits 4 x 20 min: called at 17:20; the sixth would be at 17:40
        h.issue(at, "biz-license")
    assert "17:30" in refused(h, "biz-license", at)
    assert group_status(h, "enterprise", 5, at) == CLOSED_FOR_TODAY


def test_the_demo_hall_has_no_cap_and_no_last_ticket_time():
    rules = load_hall("demo").rules
    assert rules.caps == () and not rules.auto_last_ticket and rules.opens_min is None


def test_bad_caps_name_line_and_field():
    text = rules_text('[[rules.caps]]\ngroup = "nope"\nmatter = "re-mortgage"\nappointment_share = 2.0')
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "hall.toml")
    line = text.splitlines().index('group = "nope"') + 1
    assert f"hall.toml:{line}: rules.caps[0].group: unknown group 'nope'" in e.value.problems
    assert any("rules.caps[0]: give exactly one of group or matter" in p for p in e.value.problems)
    assert any("appointment_share: is a share of daily" in p for p in e.value.problems)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.floats(0, 1), st.lists(st.booleans(), max_size=30))
def test_never_more_than_the_cap_and_walk_ins_leave_the_share(daily, share, with_appointment):
    h = hall_with_rules(f'[[rules.caps]]\ngroup = "real_estate"\ndaily = {daily}\nappointment_share = {share}')
    slot = datetime.fromtimestamp(T0, TZ).replace(minute=0)
    walk = appt = 0
    for a in with_appointment:
        code = appointments.issue(h.config.appointment_key, "demo", "re-mortgage", slot) if a else None
        try:
            h.issue(T0, "re-mortgage", appointment=code)
        except HallError as e:
            assert e.code == "tickets_closed"
            continue
        appt, walk = appt + bool(a), walk + (not a)
    assert walk + appt <= daily
    assert walk <= daily - int(-(-daily * share // 1))
