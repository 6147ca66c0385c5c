"""The day's report, figure by figure, over a day built from known events.

Every expected figure below is worked out by hand from the events (docs/protocol.md, `hall.report`):
waits are call minus issue, a service is finish minus the start of service (the call when the ticket
was finished without being served), p90 is the nearest rank, the service level is the share of calls
within the target wait.
"""

from __future__ import annotations

from datetime import datetime

from hallcore.hall import Hall
from hallcore.model import Evaluation, Priority, Status, Ticket
from hallcore.report import day_report, percentile
from tests.core.conftest import DEMO, T0, TZ, open_windows

LEVEL = 900.0  # the demo hall's service_level_min = 15


def hour_of(ts: float) -> int:
    return datetime.fromtimestamp(ts, TZ).hour


def a_day() -> tuple[list[Ticket], list[Evaluation]]:
    """09:00 is T0 (Asia/Shanghai)."""
    h = Hall(DEMO)
    open_windows(h, "win-01", "win-02", "win-08")
    a1 = h.issue(T0, "hukou-transfer")            # waits 600, served 300, done
    a2 = h.issue(T0 + 60, "hukou-transfer")       # waits 1200, no-show
    a3 = h.issue(T0 + 120, "hukou-transfer")      # never called
    a4 = h.issue(T0 + 180, "hukou-transfer")      # waits 1220, transferred to real estate
    assert h.call_number(T0 + 600, "win-01", a1.number) is a1
    h.serve(T0 + 660, "win-01")
    h.finish(T0 + 960, "win-01")
    assert h.call_number(T0 + 1260, "win-01", a2.number) is a2
    h.no_show(T0 + 1320, "win-01")
    assert h.call_number(T0 + 1400, "win-02", a4.number) is a4
    h.serve(T0 + 1500, "win-02")
    h.transfer(T0 + 1600, "win-02", "real_estate", None, None)
    b1 = h.issue(T0 + 3600, "re-transfer")        # 10:00; waits 100, finished without serve: 100
    assert h.call_number(T0 + 3700, "win-08", b1.number) is b1  # out of turn: A004 heads the line
    h.finish(T0 + 3800, "win-08")
    evals = [h.evaluate(T0 + 970, "win-01", a1.number, 5, []),
             h.evaluate(T0 + 1610, "win-02", a4.number, 1, ["slow"]),
             h.evaluate(T0 + 3810, "win-08", b1.number, 2, [])]
    # a ticket left waiting the evening before and cancelled at midnight, issued at 08:30
    gone = Ticket("20261201-A005", "2026-12-01", "A005", "hukou-transfer", "comprehensive", Priority.NONE,
                  issued_at=T0 - 1800, status=Status.CANCELLED)
    assert a3.status is Status.WAITING
    return [a1, a2, a3, a4, b1, gone], evals


def figures(issued, served, no_shows, transferred, waiting, cancelled, wait_mean, wait_p90, service_mean,
            service_p90, level, ratings, rating_mean, bad):
    return {"issued": issued, "served": served, "no_shows": no_shows, "transferred": transferred,
            "waiting": waiting, "cancelled": cancelled, "wait_mean_s": wait_mean, "wait_p90_s": wait_p90,
            "service_mean_s": service_mean, "service_p90_s": service_p90, "service_level": level,
            "ratings": ratings, "rating_mean": rating_mean, "bad_ratings": bad}


def test_the_day_report_figure_by_figure():
    tickets, evals = a_day()
    r = day_report("2026-12-01", tickets, evals, LEVEL, hour_of)
    assert r["date"] == "2026-12-01"
    # waits 600, 1200, 1220, 100: mean 780, p90 (4th of 4) 1220, within 900: 2 of 4
    # services 300 and 100; ratings 5, 1, 2: mean 2.67, two bad
    assert r["totals"] == figures(6, 2, 1, 1, 2, 1, 780.0, 1220.0, 200.0, 300.0, 50.0, 3, 2.7, 2)
    assert r["groups"] == {
        # A001, A002, A003 and the cancelled A005; A004 moved to real estate with its transfer
        "comprehensive": figures(4, 1, 1, 0, 1, 1, 900.0, 1200.0, 300.0, 300.0, 50.0, 1, 5.0, 0),
        "real_estate": figures(2, 1, 0, 1, 1, 0, 660.0, 1220.0, 100.0, 100.0, 50.0, 2, 1.5, 2),
    }
    assert list(r["groups"]) == sorted(r["groups"])
    assert r["windows"] == {  # tickets never called belong to no window; a transfer keeps the one it left
        "win-01": figures(2, 1, 1, 0, 0, 0, 900.0, 1200.0, 300.0, 300.0, 50.0, 1, 5.0, 0),
        "win-02": figures(1, 0, 0, 1, 1, 0, 1220.0, 1220.0, None, None, 0.0, 1, 1.0, 1),
        "win-08": figures(1, 1, 0, 0, 0, 0, 100.0, 100.0, 100.0, 100.0, 100.0, 1, 2.0, 1),
    }
    assert r["hours"] == [{"hour": 8, "arrivals": 1, "wait_mean_s": None},
                          {"hour": 9, "arrivals": 4, "wait_mean_s": 1006.7},  # (600 + 1200 + 1220) / 3
                          {"hour": 10, "arrivals": 1, "wait_mean_s": 100.0}]


def test_an_empty_day_has_no_means():
    r = day_report("2026-12-01", [], [], LEVEL, hour_of)
    assert r["totals"] == figures(0, 0, 0, 0, 0, 0, None, None, None, None, None, 0, None, 0)
    assert r["groups"] == {} and r["windows"] == {} and r["hours"] == []


def test_a_service_without_a_serve_counts_from_the_call_and_a_rating_of_an_unknown_ticket():
    done = Ticket("x-A001", "2026-12-01", "A001", "m", "g", Priority.NONE, issued_at=0.0, status=Status.DONE,
                  called_at=10.0, finished_at=70.0, window="w")
    odd = Ticket("x-A002", "2026-12-01", "A002", "m", "g", Priority.NONE, issued_at=0.0, status=Status.DONE,
                 finished_at=90.0)  # no call recorded: a service of nothing
    ev = Evaluation("gone", "w", 3, [], 100.0, "2026-12-01")
    r = day_report("2026-12-01", [done, odd], [ev], 900.0, lambda ts: 0)
    assert r["totals"]["service_mean_s"] == 30.0 and r["totals"]["service_p90_s"] == 60.0
    assert r["totals"]["wait_mean_s"] == 10.0 and r["totals"]["service_level"] == 100.0
    assert r["groups"]["?"]["ratings"] == 1 and r["groups"]["?"]["issued"] == 0  # its ticket is not in the day
    assert r["groups"]["g"]["ratings"] == 0


def test_the_service_level_is_the_share_called_within_the_target_inclusive():
    def called(wait: float) -> Ticket:
        return Ticket(f"x-{wait}", "d", "A", "m", "g", Priority.NONE, issued_at=0.0, status=Status.CALLED,
                      called_at=wait, window="w")
    r = day_report("d", [called(900.0), called(900.5), called(10.0)], [], 900.0, lambda ts: 0)
    assert r["totals"]["service_level"] == 66.7  # 900 is within a 900 s target, 900.5 is not
    assert r["totals"]["wait_p90_s"] == 900.5 and r["totals"]["wait_mean_s"] == 603.5


def test_ratings_of_two_and_below_are_bad():
    evs = [Evaluation(f"t{s}", "w", s, [], 0.0, "d") for s in (1, 2, 3, 4, 5)]
    t = day_report("d", [], evs, 900.0, lambda ts: 0)["totals"]
    assert (t["ratings"], t["rating_mean"], t["bad_ratings"]) == (5, 3.0, 2)


def test_nearest_rank_percentile():
    ten = [float(x) for x in (7, 3, 10, 1, 9, 2, 8, 4, 6, 5)]
    assert percentile(ten, 90) == 9.0 and percentile(ten, 50) == 5.0
    assert percentile(ten, 100) == 10.0 and percentile(ten, 0) == 1.0 and percentile(ten, 91) == 10.0
    assert percentile([4.0], 90) == 4.0 and percentile([], 90) is None
    assert ten[0] == 7.0  # the caller's list is left as it was
    many = [float(x) for x in range(1, 103)]
    assert percentile(many, 100) == 102.0 and percentile(many, 50) == 51.0  # ceil(q% of n)-th, 1-based


def test_p90_of_ten_waits_and_services_is_the_ninth():
    tickets = [Ticket(f"x-{i}", "d", f"A{i:03d}", "m", "g", Priority.NONE, issued_at=0.0, status=Status.DONE,
                      called_at=float(i), served_at=float(i), finished_at=float(i + 10 * i), window="w")
               for i in range(1, 11)]
    t = day_report("d", tickets, [], 900.0, lambda ts: 0)["totals"]
    assert t["wait_p90_s"] == 9.0 and t["wait_mean_s"] == 5.5
    assert t["service_p90_s"] == 90.0 and t["service_mean_s"] == 55.0
