"""Ratings (docs/protocol.md): one per visit at each window, only for a ticket served at that window,
a score from 1 (very dissatisfied) to 5 (very satisfied); every bad one is followed up."""

from __future__ import annotations

import pytest

from hallbus.errors import HallError
from hallcore.model import Changes, Evaluation, Name
from tests.core.conftest import T0, open_windows


def refused(action) -> HallError:
    with pytest.raises(HallError) as e:
        action()
    return e.value


def served(hall, window="win-01"):
    open_windows(hall, window)
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, window)
    hall.serve(T0 + 2, window)
    return t


def test_a_rating_is_kept_against_the_ticket_and_window(hall):
    t = served(hall)
    hall.take_changes()
    ev = hall.evaluate(T0 + 3, "win-01", t.number, 5, ["friendly", "quick"])
    assert ev == Evaluation(t.id, "win-01", 5, ["friendly", "quick"], T0 + 3, "2026-12-01")
    assert hall.evaluations == {(t.id, "win-01"): ev}
    assert hall.take_changes().evaluations == [ev]


def test_scores_one_to_five_only(hall):
    t = served(hall)
    for bad in (0, 6, -1):
        e = refused(lambda s=bad: hall.evaluate(T0 + 3, "win-01", t.number, s, []))
        assert e.code == "bad_request" and e.message == "score must be 1 (very dissatisfied) to 5 (very satisfied)"
    assert hall.evaluations == {}
    assert hall.evaluate(T0 + 3, "win-01", t.number, 1, []).score == 1


def test_a_score_of_five_is_taken(hall):
    t = served(hall)
    assert hall.evaluate(T0 + 3, "win-01", t.number, 5, []).score == 5


def test_only_for_a_ticket_served_at_that_window(hall):
    open_windows(hall, "win-01", "win-02")
    waiting = hall.issue(T0, "hukou-transfer")
    e = refused(lambda: hall.evaluate(T0, "win-01", waiting.number, 4, []))
    assert (e.code, e.message) == ("invalid_state", "ticket A001 was not served at win-01")
    hall.call_next(T0 + 1, "win-01")
    assert refused(lambda: hall.evaluate(T0 + 2, "win-01", waiting.number, 4, [])).code == "invalid_state"  # called
    hall.serve(T0 + 2, "win-01")
    e = refused(lambda: hall.evaluate(T0 + 3, "win-02", waiting.number, 4, []))  # served, but at win-01
    assert (e.code, e.message) == ("invalid_state", "ticket A001 was not served at win-02")
    hall.finish(T0 + 4, "win-01")
    assert hall.evaluate(T0 + 5, "win-01", waiting.number, 4, []).score == 4  # done: fine
    other = hall.issue(T0 + 6, "hukou-transfer")
    hall.call_next(T0 + 7, "win-02")
    hall.no_show(T0 + 8, "win-02")
    assert refused(lambda: hall.evaluate(T0 + 9, "win-02", other.number, 4, [])).code == "invalid_state"


def test_a_transferred_ticket_rates_the_window_it_left_and_then_the_next(hall):
    t = served(hall)
    hall.transfer(T0 + 3, "win-01", "real_estate", None, None)
    hall.evaluate(T0 + 4, "win-01", t.number, 3, [])
    e = refused(lambda: hall.evaluate(T0 + 5, "win-01", t.number, 2, []))
    assert (e.code, e.message) == ("already_evaluated", "ticket A001 already rated window win-01")
    open_windows(hall, "win-08")
    hall.call_next(T0 + 6, "win-08")
    hall.finish(T0 + 7, "win-08")
    assert hall.evaluate(T0 + 8, "win-08", t.id, 5, []).window == "win-08"  # by id works too
    assert len(hall.evaluations) == 2


def test_a_bad_rating_is_followed_up(hall):
    t = served(hall)
    e = refused(lambda: hall.follow_up(t.number, "win-01", "called back"))
    assert (e.code, e.message) == ("unknown_ticket", "no rating of A001 at win-01 today")
    ev = hall.evaluate(T0 + 3, "win-01", t.number, 1, ["rude"])
    hall.take_changes()
    assert hall.follow_up(t.number.lower(), "win-01", "called back, apologised") is ev
    assert ev.follow_up == "called back, apologised"
    assert hall.take_changes().evaluations == [ev]
    assert refused(lambda: hall.follow_up(t.number, "win-02", "x")).code == "unknown_ticket"
    assert refused(lambda: hall.follow_up("A999", "win-01", "x")).code == "unknown_ticket"


def test_unknown_tickets_are_named(hall):
    e = refused(lambda: hall.find("b042"))
    assert (e.code, e.message) == ("unknown_ticket", "no ticket 'b042' today")


def test_changes_are_empty_until_something_changes():
    assert not Changes()
    for field, value in (("tickets", {"t": 1}), ("windows", {"w": 1}), ("counters", {("d", "g"): 1}),
                         ("evaluations", [1]), ("appointments_used", {"s": "t"}), ("calls", [1])):
        assert Changes(**{field: value}), field
    assert Name("一", "one").to_dict() == {"zh": "一", "en": "one"}
