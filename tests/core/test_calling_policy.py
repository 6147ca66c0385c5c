"""The calling policy and ticket life on the pure core, with a fake clock (plain floats)."""

from __future__ import annotations

import pytest

from hallbus.errors import HallError
from hallcore.model import Status, WindowStatus
from tests.core.conftest import T0, open_windows


def test_numbers_are_per_group_letter_and_daily_sequence(hall):
    a1 = hall.issue(T0, "hukou-transfer")
    b1 = hall.issue(T0 + 1, "re-transfer")
    a2 = hall.issue(T0 + 2, "pension-certify")
    assert [a1.number, b1.number, a2.number] == ["A001", "B001", "A002"]
    assert a1.id != a2.id and a1.id.endswith("A001")


def test_fifo_within_the_groups_a_window_serves(hall):
    open_windows(hall, "win-07")  # comprehensive + real_estate
    first = hall.issue(T0, "re-transfer")
    second = hall.issue(T0 + 5, "hukou-transfer")
    assert hall.call_next(T0 + 10, "win-07") is first
    hall.finish(T0 + 20, "win-07")
    assert hall.call_next(T0 + 30, "win-07") is second


def test_priority_first_but_never_past_the_overtake_wait(hall):
    open_windows(hall, "win-01")
    normal = hall.issue(T0, "hukou-transfer")
    elder = hall.issue(T0 + 60, "hukou-transfer", "elderly")
    assert hall.call_next(T0 + 120, "win-01") is elder
    hall.finish(T0 + 130, "win-01")
    late_elder = hall.issue(T0 + 200, "hukou-transfer", "pregnant")
    # the normal ticket has now waited past priority_overtake_s (15 min): it goes first
    limit = hall.policy.priority_overtake_s
    assert hall.call_next(T0 + limit + 1, "win-01") is normal
    hall.finish(T0 + limit + 2, "win-01")
    assert hall.call_next(T0 + limit + 3, "win-01") is late_elder


def test_transferred_ticket_goes_to_the_head_of_its_new_group(hall):
    open_windows(hall, "win-01", "win-08")
    t = hall.issue(T0, "hukou-transfer")
    waiting_b = hall.issue(T0 + 1, "re-transfer")
    assert hall.call_next(T0 + 2, "win-01") is t
    hall.serve(T0 + 3, "win-01")
    moved = hall.transfer(T0 + 4, "win-01", "real_estate", None, "needs property desk")
    assert moved.status is Status.TRANSFERRED and moved.group == "real_estate"
    assert hall.call_next(T0 + 5, "win-08") is t
    hall.finish(T0 + 6, "win-08")
    assert hall.call_next(T0 + 7, "win-08") is waiting_b


def test_transfer_to_a_window_is_called_there_first(hall):
    open_windows(hall, "win-01", "win-02")
    t = hall.issue(T0, "hukou-transfer")
    other = hall.issue(T0 + 1, "hukou-transfer")
    hall.call_next(T0 + 2, "win-01")
    hall.transfer(T0 + 3, "win-01", None, "win-02", None)
    assert hall.call_next(T0 + 4, "win-01") is other  # not the pinned one
    assert hall.call_next(T0 + 5, "win-02") is t


def test_a_ticket_pinned_to_a_window_cannot_be_called_by_number_elsewhere(hall):
    open_windows(hall, "win-01", "win-02", "win-03")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.transfer(T0 + 2, "win-01", None, "win-02", None)
    for thief in ("win-01", "win-03"):
        with pytest.raises(HallError) as e:
            hall.call_number(T0 + 3, thief, t.number)
        assert e.value.code == "not_allowed" and "win-02" in e.value.message
    assert hall.pinned["win-02"].position(t.id) == 0 and t.status is Status.TRANSFERRED  # still waiting there
    assert hall.call_number(T0 + 4, "win-02", t.number) is t


def test_closed_or_paused_window_cannot_call(hall):
    hall.issue(T0, "hukou-transfer")
    with pytest.raises(HallError) as e:
        hall.call_next(T0, "win-01")
    assert e.value.code == "window_closed"
    hall.set_status(T0, "win-01", WindowStatus.PAUSED)
    with pytest.raises(HallError):
        hall.call_next(T0, "win-01")


def test_a_window_finishes_before_calling_again_and_before_closing(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    for action in (lambda: hall.call_next(T0 + 2, "win-01"),
                   lambda: hall.set_status(T0 + 2, "win-01", WindowStatus.CLOSED)):
        with pytest.raises(HallError) as e:
            action()
        assert e.value.code == "ticket_in_progress"


def test_no_show_then_called_again_by_number(hall):
    open_windows(hall, "win-01")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.no_show(T0 + 60, "win-01")
    assert t.status is Status.NO_SHOW
    assert hall.call_number(T0 + 120, "win-01", "a001") is t  # the citizen came back late
    hall.serve(T0 + 121, "win-01")
    with pytest.raises(HallError) as e:
        hall.serve(T0 + 122, "win-01")  # already serving
    assert e.value.code == "invalid_state"


def test_numbers_restart_at_local_midnight_and_yesterday_is_cancelled(hall):
    old = hall.issue(T0, "hukou-transfer")
    next_day = T0 + 86400
    fresh = hall.issue(next_day, "hukou-transfer")
    assert fresh.number == "A001" and fresh.id != old.id
    assert old.status is Status.CANCELLED


def test_people_ahead_and_estimated_wait(hall):
    open_windows(hall, "win-01", "win-02")
    tickets = [hall.issue(T0 + i, "hukou-transfer") for i in range(4)]
    assert [hall.ahead(t) for t in tickets] == [0, 1, 2, 3]
    est = hall.est_wait_s("comprehensive", 3)
    assert est == round(3 * hall.mean_service_s("comprehensive") / hall.staffed("comprehensive"))


def test_citizen_limit_per_matter_per_day(hall):
    key = "ab" * 16
    for _ in range(hall.policy.tickets_per_citizen_matter_day):
        hall.issue(T0, "hukou-transfer", citizen_key=key)
    with pytest.raises(HallError) as e:
        hall.issue(T0, "hukou-transfer", citizen_key=key)
    assert e.value.code == "limit_reached"
    hall.issue(T0, "pension-certify", citizen_key=key)  # another matter is fine


def test_unknown_matter_group_window(hall):
    for action, code in ((lambda: hall.issue(T0, "no-such"), "unknown_matter"),
                         (lambda: hall.assign(T0, "win-01", ["nope"]), "unknown_group"),
                         (lambda: hall.call_next(T0, "win-99"), "unknown_window")):
        with pytest.raises(HallError) as e:
            action()
        assert e.value.code == code


def test_assign_changes_what_a_window_calls(hall):
    open_windows(hall, "win-01")
    b = hall.issue(T0, "re-transfer")
    assert hall.call_next(T0 + 1, "win-01") is None
    hall.assign(T0 + 2, "win-01", ["real_estate"])
    assert hall.call_next(T0 + 3, "win-01") is b
