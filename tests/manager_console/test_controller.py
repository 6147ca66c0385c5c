"""The manager console's controller against the real broker and queue server (demo hall)."""

from __future__ import annotations

import csv
import io
import time

from hallcore.hallfile import load_hall
from manager_console import report_csv
from manager_console.controller import ManagerController
from manager_console.model import level_of
from manager_console.planning import load_planner
from manager_console.report_plots import render
from tests.display.screens import not_blank
from tests.window_console.helpers import console, run, wait_for
from window_console.bus_feed import attach

HALL = load_hall("demo")


def manager(devices, planner=True) -> ManagerController:
    client = devices("mgr-01")
    ctrl = ManagerController(client, HALL.policy.service_level_s, time.time,
                             planner=load_planner(HALL) if planner else None)
    attach(client, ctrl)
    ctrl.on_connection(True)
    wait_for(lambda: ctrl.view.windows and ctrl.group_names, what="state/windows and the catalog")
    return ctrl


def row(m: ManagerController, window: str):
    return next(w for w in m.view.windows if w.id == window)


def test_live_map_open_close_and_errors(server, bus, devices):
    m = manager(devices)
    assert len(m.view.windows) == 12 and row(m, "win-08").status == "closed"
    assert m.view.service_level_s == 900
    run(m, lambda: m.set_window("win-08", "open"))
    assert m.notice.code == "window.open"
    wait_for(lambda: row(m, "win-08").status == "open", what="win-08 open on the map")
    c = console(bus, "win-05")
    run(c, lambda: c.act("toggle_open"))
    devices("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"})
    run(c, lambda: c.act("call_next"))
    wait_for(lambda: row(m, "win-05").ticket == "A001", what="the call on the map")
    assert row(m, "win-05").on_it_s(time.time()) < 30
    run(m, lambda: m.set_window("win-05", "close"))
    assert m.notice.code == "ticket_in_progress"
    run(m, lambda: m.set_window("win-99", "open"))
    assert m.notice.code == "unknown_window"
    run(m, lambda: m.set_window("win-08", "close"))
    wait_for(lambda: row(m, "win-08").status == "closed")
    waiting = {g.code: g for g in m.view.groups}
    assert waiting["comprehensive"].level == "ok" and waiting["comprehensive"].name.zh == "综合受理"


def test_service_level_colours():
    assert level_of(100, 900) == "ok"
    assert level_of(700, 900) == "near"
    assert level_of(901, 900) == "late"
    m = ManagerController(None, 900, lambda: 0.0)  # type: ignore[arg-type]
    m.on_queues({"groups": [{"group": "enterprise", "waiting": 6, "longest_wait_s": 1800, "est_wait_s": 2400,
                             "windows_open": 1}]})
    assert [(g.code, g.level) for g in m.view.groups] == [("enterprise", "late")]


def test_reassignment_is_predicted_then_moves_what_the_window_calls(server, bus, devices):
    m = manager(devices)
    c = console(bus, "win-05")
    run(c, lambda: c.act("toggle_open"))
    kiosk = devices("kiosk-01")
    for _ in range(3):
        kiosk.request("ticket.issue", {"matter": "biz-license"})
    kiosk.request("ticket.issue", {"matter": "hukou-transfer"})
    wait_for(lambda: any(g.code == "enterprise" and g.waiting == 3 for g in m.view.groups))
    m.propose("win-05", ["enterprise"])
    p = m.view.preview
    assert (p.window, p.groups, p.state) == ("win-05", ("enterprise",), "ready")
    ent = next(r for r in p.rows if r.group == "enterprise")
    assert ent.new_mean_s is not None and ent.now_mean_s is not None and ent.new_mean_s < ent.now_mean_s
    run(m, lambda: m.assign())
    assert m.notice.code == "window.assign" and m.view.preview is None
    wait_for(lambda: c.groups == ["enterprise"], what="win-05's new groups")
    run(c, lambda: c.act("call_next"))
    assert c.view.ticket.number == "D001"
    run(m, lambda: m.assign("win-05", ["nonsense"]))
    assert m.notice.code == "unknown_group"
    m.propose("win-05", [])
    assert m.notice.code == "need_group"


def test_without_the_planner_a_reassignment_says_so():
    m = ManagerController(None, 900, lambda: 0.0)  # type: ignore[arg-type]
    m.propose("win-05", ["pickup"])
    assert m.view.preview.state == "no_planner"
    failing = ManagerController(None, 900, lambda: 0.0, planner=lambda *_a: 1 / 0)  # type: ignore[arg-type]
    failing.propose("win-05", ["pickup"])
    assert failing.view.preview.state == "failed" and "division" in failing.view.preview.detail


def test_report_csv_plot_and_bad_ratings(server, bus, devices, tmp_path):
    m = manager(devices)
    c = console(bus, "win-05")
    run(c, lambda: c.act("toggle_open"))
    kiosk = devices("kiosk-01")
    for _ in range(3):
        kiosk.request("ticket.issue", {"matter": "hukou-transfer"})
    run(c, lambda: c.act("call_next"))
    run(c, lambda: c.act("serve"))
    run(c, lambda: c.act("finish"))
    run(c, lambda: c.act("call_next"))
    assert c.act("no_show")  # pending, undoable
    run(c, lambda: c.act("no_show"))  # F5 again: now
    r = devices("eval-05").request("evaluation.submit", {"ticket": "A001", "score": 1, "reasons": ["long_wait"]})
    assert r.ok, r.error_code
    assert m.export_csv(tmp_path) is None and m.notice.code == "no_report"
    run(m, lambda: m.load_report())
    totals = m.view.report["totals"]
    assert (totals["issued"], totals["served"], totals["no_shows"], totals["waiting"]) == (3, 1, 1, 1)
    figures, hours = m.export_csv(tmp_path / "export")
    rows = list(csv.DictReader(io.StringIO(figures.read_text(encoding="utf-8"))))
    hall = next(x for x in rows if x["scope"] == "hall")
    assert (hall["issued"], hall["served"], hall["bad_ratings"], hall["ratings"]) == ("3", "1", "1", "1")
    assert {x["key"] for x in rows if x["scope"] == "window"} == {"win-05"}
    assert {x["key"] for x in rows if x["scope"] == "group"} == {"comprehensive"}
    hour_rows = list(csv.DictReader(io.StringIO(hours.read_text(encoding="utf-8"))))
    assert sum(int(x["arrivals"]) for x in hour_rows) == 3
    assert figures.name == f"hall-report-{m.view.report['date']}.csv"
    png = render(m.view.report, tmp_path / "report.png", 900)
    not_blank(png)
    run(m, lambda: m.load_ratings())
    assert [(e["number"], e["score"], e["follow_up"]) for e in m.view.evaluations] == [("A001", 1, None)]
    assert m.follow_up("A001", "win-05", "  ") is False and m.notice.code == "need_note"
    run(m, lambda: m.follow_up("A001", "win-05", "回电致歉 called back"))
    assert m.view.evaluations[0]["follow_up"] == "回电致歉 called back"
    run(m, lambda: m.load_report("2020-01-01"))
    assert m.view.report["totals"]["issued"] == 0
    assert report_csv.figures_rows(m.view.report)[1][:3] == ["2020-01-01", "hall", "all"]


def test_csv_of_a_report_is_exact():
    report = {"date": "2026-05-04", "totals": {"issued": 2, "served": 1, "wait_mean_s": 61.5, "rating_mean": None},
              "groups": {"pickup": {"issued": 2}}, "windows": {},
              "hours": [{"hour": 9, "arrivals": 2, "wait_mean_s": None}]}
    lines = report_csv.figures_csv(report).splitlines()
    assert lines[0].startswith("date,scope,key,issued,served,no_shows")
    assert lines[1] == "2026-05-04,hall,all,2,1,,,,,61.5,,,,,,,"
    assert lines[2].startswith("2026-05-04,group,pickup,2,")
    assert report_csv.hours_csv(report) == "date,hour,arrivals,wait_mean_s\n2026-05-04,9,2,\n"
