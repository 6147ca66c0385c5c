"""The midnight roll with tickets in every state (docs/protocol.md: at the hall's local midnight
waiting tickets are cancelled and numbers restart; a ticket at a window stays until it is finished)."""

from __future__ import annotations

from datetime import datetime

import pytest

from hallbus.errors import HallError
from hallcore.model import Status
from tests.core.conftest import T0, TZ, open_windows

MIDNIGHT = datetime(2026, 12, 2, 0, 0, tzinfo=TZ).timestamp()


def test_the_roll_with_a_ticket_in_every_state(hall):
    open_windows(hall, "win-01", "win-02", "win-03", "win-04", "win-05", "win-08")
    waiting = hall.issue(T0, "hukou-transfer")
    called = hall.issue(T0 + 1, "hukou-transfer")
    serving = hall.issue(T0 + 2, "hukou-transfer")
    done = hall.issue(T0 + 3, "hukou-transfer")
    no_show = hall.issue(T0 + 4, "hukou-transfer")
    moved = hall.issue(T0 + 5, "hukou-transfer")
    pinned = hall.issue(T0 + 6, "hukou-transfer")
    prio = hall.issue(T0 + 7, "hukou-transfer", "elderly", citizen_key="ab" * 16)
    hall.call_number(T0 + 10, "win-01", called.number)
    hall.call_number(T0 + 10, "win-02", serving.number)
    hall.serve(T0 + 11, "win-02")
    hall.call_number(T0 + 10, "win-03", done.number)
    hall.finish(T0 + 12, "win-03")
    hall.call_number(T0 + 10, "win-04", no_show.number)
    hall.no_show(T0 + 12, "win-04")
    hall.call_number(T0 + 10, "win-05", moved.number)
    hall.transfer(T0 + 12, "win-05", "real_estate", None, None)
    hall.call_number(T0 + 13, "win-05", pinned.number)
    hall.transfer(T0 + 14, "win-05", None, "win-08", None)
    hall.evaluate(T0 + 20, "win-03", done.number, 5, [])
    hall.take_changes()

    hall.roll_day(MIDNIGHT - 1)  # 23:59:59: still the same day
    assert waiting.status is Status.WAITING and hall.day == "2026-12-01"

    hall.roll_day(MIDNIGHT)
    assert hall.day == "2026-12-02"
    for t in (waiting, moved, pinned, prio):
        assert t.status is Status.CANCELLED
    assert (called.status, serving.status, done.status, no_show.status) == (
        Status.CALLED, Status.SERVING, Status.DONE, Status.NO_SHOW)
    changes = hall.take_changes()
    assert set(changes.tickets) == {waiting.id, moved.id, pinned.id, prio.id}  # the store learns of each
    # only the tickets still at a window stay in memory
    assert set(hall.tickets) == {called.id, serving.id}
    assert all(len(q) == 0 for q in hall.queues.values()) and all(len(p) == 0 for p in hall.pinned.values())
    assert hall.windows["win-01"].ticket == called.id and hall.windows["win-02"].ticket == serving.id
    assert hall.call_next(MIDNIGHT + 1, "win-08") is None
    # yesterday's numbers are gone; today's restart
    with pytest.raises(HallError):
        hall.find(waiting.number)
    fresh = hall.issue(MIDNIGHT + 2, "hukou-transfer")
    assert fresh.number == "A001" and fresh.id == "20261202-A001" and fresh.day == "2026-12-02"
    assert hall.find("A001") is fresh and hall.find(called.id) is called
    assert hall.take_changes().counters == {("2026-12-02", "comprehensive"): 1}
    # the tickets left at windows are finished the next day as usual
    hall.finish(MIDNIGHT + 3, "win-01")
    hall.finish(MIDNIGHT + 3, "win-02")
    assert called.status is Status.DONE and serving.status is Status.DONE


def test_the_roll_forgets_the_days_limits_ratings_and_service_times(hall):
    open_windows(hall, "win-01")
    key = "cd" * 16
    for _ in range(2):
        hall.issue(T0, "hukou-transfer", citizen_key=key)
    with pytest.raises(HallError):
        hall.issue(T0, "hukou-transfer", citizen_key=key)
    t = hall.call_next(T0 + 1, "win-01")
    hall.finish(T0 + 61, "win-01")
    hall.evaluate(T0 + 62, "win-01", t.number, 1, [])
    hall.roll_day(MIDNIGHT)
    assert hall.evaluations == {} and hall.citizen_counts == {} and hall.seq == {}
    assert hall.mean_service_s("comprehensive") == 480.0
    hall.issue(MIDNIGHT, "hukou-transfer", citizen_key=key)  # a new day, a new limit
    hall.issue(MIDNIGHT, "hukou-transfer", citizen_key=key)


def test_the_same_day_rolls_nothing(hall):
    hall.issue(T0, "hukou-transfer")
    hall.roll_day(T0 + 3600)
    assert len(hall.tickets) == 1 and hall.seq == {"comprehensive": 1} and hall.find("A001")


OPS = {
    "set_status": lambda h, now, number: h.set_status(now, "win-01", h.windows["win-01"].status),
    "assign": lambda h, now, number: h.assign(now, "win-01", ["comprehensive"]),
    "issue": lambda h, now, number: h.issue(now, "re-transfer"),
    "call_next": lambda h, now, number: h.call_next(now, "win-01"),
    "call_number": lambda h, now, number: h.call_number(now, "win-01", number),
    "evaluate": lambda h, now, number: h.evaluate(now, "win-01", number, 5, []),
}


@pytest.mark.parametrize("op", sorted(OPS))
def test_every_operation_that_takes_the_time_rolls_the_day_first(hall, op):
    open_windows(hall, "win-01")
    old = hall.issue(T0, "hukou-transfer")
    try:
        OPS[op](hall, MIDNIGHT, old.number)
    except HallError as e:
        assert e.code == "unknown_ticket"  # yesterday's number is no longer today's
    assert old.status is Status.CANCELLED and hall.day == "2026-12-02"


def test_a_ticket_left_at_a_window_overnight_teaches_the_new_day_nothing(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.serve(T0 + 2, "win-01")
    hall.issue(MIDNIGHT + 8 * 3600, "hukou-transfer")  # the next morning: the day rolls
    hall.finish(MIDNIGHT + 8 * 3600 + 5, "win-01")     # 23 hours "served"
    # the restored hall does not count it either (restore.py learns from today's tickets only)
    assert hall.mean_service_s("comprehensive") == 480.0
