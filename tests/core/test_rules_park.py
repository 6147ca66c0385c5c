"""Park (挂起): the ticket leaves the window, keeps its place, comes back without queueing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallcore.model import Status
from hallcore.restore import Snapshot, restore
from hallcore.rules_park import INCOMPLETE, park, parked, resume
from hallcore.rules_time import tick
from tests.core.conftest import T0, open_windows
from tests.core.rules_halls import hall_with_rules


def called_and_parked(hall: Hall, window: str = "win-01") -> str:
    open_windows(hall, window)
    hall.issue(T0, "hukou-transfer")
    hall.issue(T0 + 1, "hukou-transfer")
    t = hall.call_next(T0 + 10, window)
    assert t is not None
    hall.serve(T0 + 20, window)
    park(hall, T0 + 30, window, "needs a copy of the hukou book")
    return t.number


def test_park_frees_the_window_and_resume_skips_the_queue(hall):
    number = called_and_parked(hall)
    t = hall.find(number)
    assert t.status is Status.PARKED and t.window == "win-01" and hall.windows["win-01"].ticket is None
    assert [p.number for p in parked(hall, "win-01")] == [number]
    nxt = hall.call_next(T0 + 40, "win-01")
    assert nxt is not None and nxt.number == "A002"
    hall.finish(T0 + 50, "win-01")
    back = resume(hall, T0 + 60, "win-01", number)
    assert back.status is Status.SERVING and hall.windows["win-01"].ticket == back.id and not parked(hall)


def test_any_window_of_its_group_may_resume_but_no_other(hall):
    number = called_and_parked(hall)
    open_windows(hall, "win-02", "win-11")
    with pytest.raises(HallError) as e:
        resume(hall, T0 + 60, "win-11", number)
    assert e.value.code == "not_allowed"
    assert resume(hall, T0 + 60, "win-02", number).window == "win-02"


def test_resume_needs_a_free_window_and_a_parked_ticket(hall):
    number = called_and_parked(hall)
    hall.call_next(T0 + 40, "win-01")
    with pytest.raises(HallError) as e:
        resume(hall, T0 + 50, "win-01", number)
    assert e.value.code == "ticket_in_progress"
    with pytest.raises(HallError) as e:
        resume(hall, T0 + 50, "win-02", "A002")
    assert e.value.code in ("window_closed", "invalid_state")


def test_past_the_park_limit_the_ticket_ends_incomplete():
    h = hall_with_rules("park_limit_min = 10")
    number = called_and_parked(h)
    tick(h, T0 + 30 + 599)
    assert h.find(number).status is Status.PARKED
    tick(h, T0 + 30 + 601)
    t = h.find(number)
    assert t.status is Status.DONE and t.outcome == INCOMPLETE and not parked(h)
    with pytest.raises(HallError) as e:
        resume(h, T0 + 700, "win-01", number)
    assert "park limit" in e.value.message


def test_parked_tickets_survive_a_restart(hall):
    number = called_and_parked(hall)
    again = Hall(load_hall("demo"))
    restore(again, Snapshot(tickets=list(hall.tickets.values())), T0 + 40)
    assert [t.number for t in parked(again, "win-01")] == [number]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["issue", "call", "park", "resume", "finish", "wait"]), max_size=40))
def test_a_ticket_is_in_exactly_one_place(steps):
    """Whatever the clerks do, a ticket is queued, at one window, parked, or ended: never two."""
    h = Hall(load_hall("demo"))
    h.roll_day(T0)
    open_windows(h, "win-01", "win-02")
    now = T0
    for i, step in enumerate(steps):
        now += 30
        w = "win-01" if i % 2 else "win-02"
        try:
            if step == "issue":
                h.issue(now, "hukou-transfer")
            elif step == "call":
                h.call_next(now, w)
            elif step == "park":
                park(h, now, w, None)
            elif step == "resume" and parked(h):
                resume(h, now, w, parked(h)[0].number)
            elif step == "finish":
                h.finish(now, w)
            else:
                tick(h, now + 3000)
                now += 3000
        except HallError:
            pass
        at_windows = {w.ticket for w in h.windows.values() if w.ticket}
        q = h.queues["comprehensive"]
        queued = {t.id for line in (q.transferred, q.priority, q.normal) for t in line}
        for t in h.tickets.values():
            places = [t.id in at_windows, t.id in queued, t.id in h.parked]
            assert sum(places) == (0 if t.status in (Status.DONE, Status.NO_SHOW) else 1), (t, places)


def test_a_hall_may_refuse_parking():
    h = hall_with_rules("park_limit_min = 0")
    open_windows(h, "win-01")
    h.issue(T0, "hukou-transfer")
    h.call_next(T0, "win-01")
    with pytest.raises(HallError) as e:
        park(h, T0 + 5, "win-01", None)
    assert e.value.code == "not_allowed"
