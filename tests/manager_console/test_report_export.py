"""The CSV export against a day built from known events on the real hall core, figure by figure.

The day (demo hall, service level 15 min), times in minutes after 09:00 hall time:
- A001 hukou-transfer (comprehensive), issued 0, called at win-01 at 10, served 11, transferred
  to real estate at 20 and rated 2 (long wait) at win-01; called at win-08 at 30, finished 40.
- A002 hukou-transfer, issued 1, called at win-01 at 21, no-show at 25.
- A003 hukou-transfer, issued 2, waiting all day.
- B001 re-transfer (real estate), issued 3, called at win-08 at 5, served 6, finished 16, rated 5.
A wait runs from issue to the last call (A001: 30 min, its time at win-01 included).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallcore.model import WindowStatus
from hallcore.report import day_report
from manager_console.report_csv import figures_csv, hours_csv
from queue_server.handlers import Ctx, report


def at(minute: float, hall: Hall) -> float:
    return datetime(2026, 12, 2, 9, 0, tzinfo=hall.time.tz).timestamp() + minute * 60


def build_day() -> Hall:
    h = Hall(load_hall("demo"))
    for w in ("win-01", "win-08"):
        h.set_status(at(0, h) - 60, w, WindowStatus.OPEN)
    h.issue(at(0, h), "hukou-transfer")
    h.issue(at(1, h), "hukou-transfer")
    h.issue(at(2, h), "hukou-transfer")
    h.issue(at(3, h), "re-transfer")
    assert h.call_next(at(5, h), "win-08").number == "B001"
    h.serve(at(6, h), "win-08")
    assert h.call_next(at(10, h), "win-01").number == "A001"
    h.serve(at(11, h), "win-01")
    h.finish(at(16, h), "win-08")
    h.evaluate(at(17, h), "win-08", "B001", 5, [])
    h.transfer(at(20, h), "win-01", "real_estate", None, "房产 property")
    h.evaluate(at(20.5, h), "win-01", "A001", 2, ["long_wait"])
    assert h.call_next(at(21, h), "win-01").number == "A002"
    h.no_show(at(25, h), "win-01")
    assert h.call_next(at(30, h), "win-08").number == "A001"
    h.finish(at(40, h), "win-08")
    return h


def rows(text: str) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["scope"], r["key"]): r for r in csv.DictReader(io.StringIO(text))}


def test_the_export_counts_a_known_day_figure_by_figure() -> None:
    h = build_day()
    tickets, evals = list(h.tickets.values()), list(h.evaluations.values())
    c = Ctx(h, at(60, h), "mgr-01", "manager", {"date": h.day}, lambda _day: (tickets, evals))
    got = rows(figures_csv(report(c)))
    expected = {
        ("hall", "all"): dict(issued=4, served=2, no_shows=1, transferred=1, waiting=1, cancelled=0,
                              ratings=2, rating_mean=3.5, bad_ratings=1,
                              wait_mean_s=(30 + 20 + 2) * 60 / 3, service_mean_s=(10 + 29) * 60 / 2),
        # issued where issued (A001 in comprehensive), served where served (A001 in real estate)
        ("group", "comprehensive"): dict(issued=3, served=0, no_shows=1, transferred=1, waiting=1, ratings=1,
                                         rating_mean=2.0, bad_ratings=1, wait_mean_s=20 * 60.0),
        ("group", "real_estate"): dict(issued=1, served=2, no_shows=0, transferred=0, waiting=0, ratings=1,
                                       rating_mean=5.0, bad_ratings=0, wait_mean_s=(30 + 2) * 60 / 2),
        ("window", "win-01"): dict(issued=1, served=0, no_shows=1, ratings=1, bad_ratings=1),
        ("window", "win-08"): dict(issued=2, served=2, transferred=1, ratings=1, rating_mean=5.0),
    }
    for key, figures in expected.items():
        for name, value in figures.items():
            cell = got[key][name]
            assert cell != "" and float(cell) == round(float(value), 1), (key, name, cell, value)
    assert got[("group", "comprehensive")]["service_mean_s"] == ""  # nothing finished there
    hours = list(csv.DictReader(io.StringIO(hours_csv(report(c)))))
    assert [(r["hour"], r["arrivals"]) for r in hours] == [("9", "4")]  # hall time, not the machine's


def test_without_the_catalog_a_transfer_still_counts() -> None:
    h = build_day()
    rep = day_report(h.day, list(h.tickets.values()), list(h.evaluations.values()), 900, h.time.hour)
    assert rep["totals"]["transferred"] == 1
