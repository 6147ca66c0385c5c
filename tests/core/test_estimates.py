"""The estimated wait and the learnt service time, with expectations worked out by hand.

docs/protocol.md: the estimated wait is `ahead × mean service time of the group ÷ windows open for
the group`, the mean starting from the catalog's figure and learning from today's services. The
catalog's figure counts as five services already seen (hallcore.hall.PRIOR_WEIGHT), so one service
of s seconds moves an 8-minute group's mean to (s + 5 × 480) / 6.
"""

from __future__ import annotations

from hallcore.model import WindowStatus
from tests.core.conftest import T0, open_windows

COMPREHENSIVE_S = 480.0  # demo hall: service_min = 8
REAL_ESTATE_S = 900.0  # service_min = 15


def test_before_any_service_the_mean_is_the_catalogs(hall):
    assert hall.mean_service_s("comprehensive") == COMPREHENSIVE_S
    assert hall.mean_service_s("real_estate") == REAL_ESTATE_S


def test_a_finished_service_moves_the_mean_from_the_start_of_service(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 50, "win-01")
    hall.serve(T0 + 100, "win-01")          # service starts at the serve, not the call
    hall.finish(T0 + 280, "win-01")         # 180 s
    assert hall.mean_service_s("comprehensive") == (180 + 5 * 480) / 6 == 430.0
    assert hall.mean_service_s("real_estate") == REAL_ESTATE_S  # other groups learn nothing


def test_a_ticket_finished_without_serve_counts_from_its_call(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 40, "win-01")
    hall.finish(T0 + 100, "win-01")         # 60 s from the call
    hall.call_next(T0 + 100, "win-01")
    hall.finish(T0 + 340, "win-01")         # 240 s
    assert hall.mean_service_s("comprehensive") == (60 + 240 + 5 * 480) / 7 == 2700 / 7


def test_no_shows_and_transfers_teach_nothing(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    hall.no_show(T0 + 100, "win-01")
    hall.call_next(T0 + 101, "win-01")
    hall.serve(T0 + 102, "win-01")
    hall.transfer(T0 + 400, "win-01", "real_estate", None, None)
    assert hall.mean_service_s("comprehensive") == COMPREHENSIVE_S
    assert hall.mean_service_s("real_estate") == REAL_ESTATE_S


def test_estimated_wait_is_ahead_times_mean_over_windows_open(hall):
    # nothing open for the group yet: no estimate at all (no_window), never a made-up number
    assert hall.staffed("comprehensive") == 0
    assert hall.est_wait_s("comprehensive", 3) is None
    open_windows(hall, "win-01", "win-02")
    assert hall.staffed("comprehensive") == 2 and hall.staffed("real_estate") == 0
    assert hall.est_wait_s("comprehensive", 3) == 720      # 3 × 480 / 2
    assert hall.est_wait_s("comprehensive", 0) == 0
    open_windows(hall, "win-07")                             # comprehensive and real estate
    assert hall.staffed("comprehensive") == 3 and hall.staffed("real_estate") == 1
    assert hall.est_wait_s("comprehensive", 1) == 160      # 480 / 3
    assert hall.est_wait_s("real_estate", 2) == 1800       # 2 × 900 / 1
    hall.set_status(T0, "win-02", WindowStatus.CLOSED)
    assert hall.staffed("comprehensive") == 2


def test_estimated_wait_rounds_to_the_nearest_second(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0, "win-01")
    hall.finish(T0 + 100, "win-01")
    # mean (100 + 2400) / 6 = 416.67: one ahead at one window is 417 s, not 416
    assert hall.est_wait_s("comprehensive", 1) == 417
    open_windows(hall, "win-02", "win-03")
    assert hall.est_wait_s("comprehensive", 2) == 278  # 2 × 416.67 / 3 = 277.8


def test_people_ahead_of_issued_tickets(hall):
    tickets = [hall.issue(T0 + i, "hukou-transfer") for i in range(3)]
    other = hall.issue(T0 + 5, "re-transfer")
    assert [hall.ahead(t) for t in tickets] == [0, 1, 2]
    assert hall.ahead(other) == 0
    open_windows(hall, "win-01")
    hall.call_next(T0 + 10, "win-01")
    assert hall.ahead(tickets[0]) == 0  # at the window: no one ahead
    assert [hall.ahead(t) for t in tickets[1:]] == [0, 1]


def test_the_learnt_mean_is_forgotten_at_midnight(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0, "win-01")
    hall.finish(T0 + 60, "win-01")
    assert hall.mean_service_s("comprehensive") != COMPREHENSIVE_S
    hall.roll_day(T0 + 86400)
    assert hall.mean_service_s("comprehensive") == COMPREHENSIVE_S
