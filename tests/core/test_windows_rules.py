"""What a window may do, from docs/protocol.md's rules: open, pause, close, call, recall, call by
number, serve, no-show, finish, transfer; and a manager's assign."""

from __future__ import annotations

import pytest

from hallbus.errors import HallError
from hallcore.model import Status, WindowStatus
from tests.core.conftest import T0, open_windows


def code_of(action) -> str:
    with pytest.raises(HallError) as e:
        action()
    return e.value.code


def test_closing_an_idle_window_and_pausing_a_busy_one(hall):
    w = hall.set_status(T0, "win-01", WindowStatus.OPEN)
    assert w.status is WindowStatus.OPEN and hall.windows["win-01"] is w
    assert hall.set_status(T0, "win-01", WindowStatus.CLOSED).status is WindowStatus.CLOSED  # idle: fine
    hall.set_status(T0, "win-01", WindowStatus.OPEN)
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    paused = hall.set_status(T0 + 2, "win-01", WindowStatus.PAUSED)  # busy: a pause keeps the ticket
    assert paused.status is WindowStatus.PAUSED and paused.ticket == t.id
    assert code_of(lambda: hall.set_status(T0 + 3, "win-01", WindowStatus.CLOSED)) == "ticket_in_progress"
    assert hall.windows["win-01"].status is WindowStatus.PAUSED
    assert code_of(lambda: hall.call_next(T0 + 3, "win-01")) == "window_closed"
    hall.finish(T0 + 4, "win-01")  # a paused window still finishes what it has
    assert hall.set_status(T0 + 5, "win-01", WindowStatus.CLOSED).status is WindowStatus.CLOSED
    assert "win-01" in hall.take_changes().windows


def test_a_closed_window_cannot_call_by_number_either(hall):
    t = hall.issue(T0, "hukou-transfer")
    assert code_of(lambda: hall.call_number(T0, "win-01", t.number)) == "window_closed"
    assert t.status is Status.WAITING


def test_calling_a_waiting_ticket_by_number_takes_it_out_of_turn(hall):
    open_windows(hall, "win-01")
    first = hall.issue(T0, "hukou-transfer")
    second = hall.issue(T0 + 1, "hukou-transfer")
    hall.take_changes()
    got = hall.call_number(T0 + 10, "win-01", second.number.lower())  # numbers are read in any case
    assert got is second and got.status is Status.CALLED and got.called_at == T0 + 10
    assert got.window == "win-01" and hall.windows["win-01"].ticket == second.id
    assert hall.ahead(first) == 0
    changes = hall.take_changes()
    assert changes.calls == [(second, "win-01", T0 + 10, False)]
    assert second.id in changes.tickets and "win-01" in changes.windows
    hall.finish(T0 + 20, "win-01")
    assert hall.call_next(T0 + 21, "win-01") is first
    hall.finish(T0 + 22, "win-01")
    assert hall.call_next(T0 + 23, "win-01") is None  # second is not called twice


def test_re_calling_a_finished_or_called_ticket_is_refused(hall):
    open_windows(hall, "win-01", "win-02")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    assert code_of(lambda: hall.call_number(T0 + 2, "win-02", t.number)) == "invalid_state"  # at win-01
    hall.serve(T0 + 3, "win-01")
    assert code_of(lambda: hall.call_number(T0 + 4, "win-02", t.number)) == "invalid_state"  # serving
    hall.finish(T0 + 5, "win-01")
    with pytest.raises(HallError, match="^ticket A001 is done, not waiting$") as e:
        hall.call_number(T0 + 6, "win-02", t.number)
    assert e.value.code == "invalid_state"  # done
    assert t.status is Status.DONE and hall.windows["win-02"].ticket is None
    assert code_of(lambda: hall.call_number(T0 + 7, "win-02", "A999")) == "unknown_ticket"


def test_a_transferred_ticket_can_be_called_by_number(hall):
    open_windows(hall, "win-01", "win-08")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.transfer(T0 + 2, "win-01", None, "win-08", None)
    assert hall.call_number(T0 + 3, "win-08", t.number) is t
    assert t.status is Status.CALLED and t.target_window is None and t.window == "win-08"
    assert len(hall.pinned["win-08"]) == 0


def test_a_window_with_a_ticket_cannot_call_by_number(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    b = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    assert code_of(lambda: hall.call_number(T0 + 2, "win-01", b.number)) == "ticket_in_progress"
    assert b.status is Status.WAITING


def test_recall_announces_the_current_ticket_again(hall):
    open_windows(hall, "win-01")
    assert code_of(lambda: hall.recall(T0, "win-01")) == "no_current_ticket"
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.take_changes()
    assert hall.recall(T0 + 30, "win-01") is t and t.recalls == 1
    hall.recall(T0 + 60, "win-01")
    assert t.recalls == 2 and t.called_at == T0 + 1 and t.status is Status.CALLED
    changes = hall.take_changes()
    assert changes.calls == [(t, "win-01", T0 + 30, True), (t, "win-01", T0 + 60, True)]
    assert t.id in changes.tickets
    assert list(hall.recent_calls)[:3] == [(t, "win-01", T0 + 60, True), (t, "win-01", T0 + 30, True),
                                           (t, "win-01", T0 + 1, False)]


def test_the_board_keeps_the_last_ten_calls_newest_first(hall):
    open_windows(hall, "win-01")
    for i in range(12):
        hall.issue(T0 + i, "hukou-transfer")
        hall.call_next(T0 + i, "win-01")
        hall.finish(T0 + i, "win-01")
    calls = list(hall.recent_calls)
    assert len(calls) == 10 and [c[0].number for c in calls] == [f"A{n:03d}" for n in range(12, 2, -1)]


def test_serve_then_finish_with_outcomes(hall):
    open_windows(hall, "win-01")
    assert code_of(lambda: hall.serve(T0, "win-01")) == "no_current_ticket"
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.take_changes()
    assert hall.serve(T0 + 2, "win-01", "materials checked") is t
    assert t.status is Status.SERVING and t.served_at == T0 + 2 and t.outcome == "materials checked"
    assert t.id in hall.take_changes().tickets
    assert code_of(lambda: hall.no_show(T0 + 3, "win-01")) == "invalid_state"  # being served
    done = hall.finish(T0 + 9, "win-01")  # no outcome given: the serve's stays
    assert done is t and t.status is Status.DONE and t.finished_at == T0 + 9 and t.outcome == "materials checked"
    assert t.served_at == T0 + 2 and hall.windows["win-01"].ticket is None
    changes = hall.take_changes()
    assert t.id in changes.tickets and "win-01" in changes.windows
    assert code_of(lambda: hall.finish(T0 + 10, "win-01")) == "no_current_ticket"


def test_finish_without_serve_starts_the_service_at_the_call(hall):
    open_windows(hall, "win-01")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 5, "win-01")
    hall.finish(T0 + 50, "win-01", "done at once")
    assert (t.served_at, t.finished_at, t.outcome) == (T0 + 5, T0 + 50, "done at once")


def test_no_show_frees_the_window_and_keeps_the_ticket_callable(hall):
    open_windows(hall, "win-01")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.take_changes()
    assert hall.no_show(T0 + 90, "win-01", "not here") is t
    assert t.status is Status.NO_SHOW and t.finished_at == T0 + 90 and t.outcome == "not here"
    assert hall.windows["win-01"].ticket is None
    changes = hall.take_changes()
    assert t.id in changes.tickets and "win-01" in changes.windows
    assert hall.call_next(T0 + 91, "win-01") is None  # a no-show is not queued again by itself
    assert code_of(lambda: hall.no_show(T0 + 92, "win-01")) == "no_current_ticket"


def test_transfer_needs_exactly_one_known_destination(hall):
    open_windows(hall, "win-01")
    assert code_of(lambda: hall.transfer(T0, "win-01", "real_estate", None, None)) == "no_current_ticket"
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    one = "transfer needs exactly one of to_group or to_window"
    for to_group, to_window, code, message in (
            (None, None, "bad_request", one), ("real_estate", "win-08", "bad_request", one),
            ("nope", None, "unknown_group", "no service group 'nope'"),
            (None, "win-99", "unknown_window", "no window 'win-99' in this hall"),
            (None, "win-01", "bad_request", "cannot transfer a ticket to its own window")):
        with pytest.raises(HallError) as e:
            hall.transfer(T0 + 2, "win-01", to_group, to_window, None)
        assert (e.value.code, e.value.message) == (code, message)
        assert t.status is Status.CALLED and hall.windows["win-01"].ticket == t.id  # nothing lost


def test_transfer_to_a_group_waits_at_its_head(hall):
    open_windows(hall, "win-01", "win-08")
    waiting_b = hall.issue(T0, "re-transfer")
    t = hall.issue(T0 + 1, "hukou-transfer")
    hall.call_number(T0 + 2, "win-01", t.number)
    hall.take_changes()
    moved = hall.transfer(T0 + 300, "win-01", "real_estate", None, "needs the property desk")
    assert moved is t and t.status is Status.TRANSFERRED and t.group == "real_estate"
    assert (t.window, t.target_window, t.note, t.queued_at) == ("win-01", None, "needs the property desk", T0 + 300)
    assert t.issued_at == T0 + 1 and hall.windows["win-01"].ticket is None
    changes = hall.take_changes()
    assert t.id in changes.tickets and "win-01" in changes.windows
    assert hall.ahead(t) == 0 and hall.ahead(waiting_b) == 1
    assert hall.call_next(T0 + 301, "win-08") is t


def test_transfer_to_a_window_pins_it_there_keeping_its_group(hall):
    open_windows(hall, "win-01", "win-02")
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.transfer(T0 + 2, "win-01", None, "win-02", "see my colleague")
    assert t.group == "comprehensive" and t.target_window == "win-02" and t.note == "see my colleague"
    assert t.id in hall.pinned["win-02"] and hall.ahead(t) == 0
    assert len(hall.queues["comprehensive"]) == 0


def test_assign_checks_groups_and_drops_repeats(hall):
    w = hall.assign(T0, "win-01", ["real_estate", "comprehensive", "real_estate"])
    assert w.groups == ["real_estate", "comprehensive"] and "win-01" in hall.take_changes().windows
    assert code_of(lambda: hall.assign(T0, "win-01", [])) == "bad_request"
    assert code_of(lambda: hall.assign(T0, "win-01", ["comprehensive", "nope"])) == "unknown_group"
    assert code_of(lambda: hall.assign(T0, "win-99", ["comprehensive"])) == "unknown_window"
    assert hall.windows["win-01"].groups == ["real_estate", "comprehensive"]


def test_errors_name_what_is_wrong(hall):
    with pytest.raises(HallError, match="win-99"):
        hall.window("win-99")
    with pytest.raises(HallError, match="nope"):
        hall.assign(T0, "win-01", ["nope"])
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0, "win-01")
    with pytest.raises(HallError, match="A001"):
        hall.call_next(T0, "win-01")
