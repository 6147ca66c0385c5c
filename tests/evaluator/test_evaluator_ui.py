"""The evaluator app as a process under Xvfb: a real visit at win-05, rated on its serial keypad."""

from __future__ import annotations

import os
import pty

import pytest

from tests.display.screens import ScreenApp, keep, not_blank
from tests.support.xvfb import Xvfb

pytestmark = pytest.mark.ui


def test_a_finished_visit_is_rated_once(server, bus, broker, tmp_path):
    master, slave = pty.openpty()
    xvfb = Xvfb((800, 480)).start()
    args = ["--device", "eval-05", "--window", "win-05", "--broker", broker.url, "--size", "800x480",
            "--keypad", os.ttyname(slave)]
    app = ScreenApp("evaluator", args, tmp_path / "shots", xvfb.env(), tmp_path / "evaluator.log")
    try:
        win, kiosk, mgr = bus("win-05"), bus("kiosk-01"), bus("mgr-01")
        app.wait_shot(lambda m: m["online"] and m["phase"] == "idle")
        assert win.request("window.open").ok
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).ok
        assert win.request("call.next").result["ticket"]["number"] == "A001"
        assert win.request("ticket.serve").ok
        png, _ = app.wait_shot(lambda m: m["serving"] == "A001")
        keep(not_blank_path(png), "evaluator", "serving.png")
        assert win.request("ticket.finish").ok
        png, meta = app.wait_shot(lambda m: m["phase"] == "rating")
        assert meta["ticket"] == "A001"
        keep(not_blank_path(png), "evaluator", "rating.png")
        os.write(master, b"2")  # the keypad: dissatisfied, so the reasons step
        png, meta = app.wait_shot(lambda m: m["phase"] == "reasons")
        os.write(master, b"1")  # long wait
        png, meta = app.wait_shot(lambda m: m["reasons"] == ["long_wait"])
        keep(not_blank_path(png), "evaluator", "reasons.png")
        os.write(master, b"#")
        png, meta = app.wait_shot(lambda m: m["phase"] == "thanks" and m["message"] == "thanks")
        keep(not_blank_path(png), "evaluator", "thanks.png")
        rated = mgr.request("evaluation.list", {"max_score": 5}).result["evaluations"]
        assert [(e["number"], e["window"], e["score"], e["reasons"]) for e in rated] == [
            ("A001", "win-05", 2, ["long_wait"])]
        assert set(rated[0]) >= {"ticket", "score"} and "citizen" not in rated[0]
    finally:
        app.stop()
        xvfb.stop()
        os.close(master)
        os.close(slave)


def not_blank_path(png):
    not_blank(png)
    return png
