"""The manager console as a process under Xvfb: the live map, a window opened with the mouse,
the report (F2) with its plot, CSV export (Ctrl+E), all against the real server."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.display.screens import ScreenApp, keep, not_blank
from tests.support.xvfb import Xvfb
from tests.window_console.helpers import wait_for

pytestmark = [pytest.mark.ui, pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is missing")]


def xdo(xvfb: Xvfb, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=xvfb.env(), check=True, timeout=10)


def test_map_open_report_and_export(server, devices, broker, tmp_path):
    xvfb = Xvfb((1280, 720)).start()
    export = tmp_path / "export"
    app = ScreenApp("manager", ["--device", "mgr-01", "--broker", broker.url, "--size", "1280x720",
                                "--export-dir", str(export)], tmp_path / "shots", xvfb.env(), tmp_path / "mgr.log")
    try:
        win = devices("win-05")
        assert win.request("window.open").ok
        assert devices("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"}).ok
        assert win.request("call.next").ok
        png, meta = app.wait_shot(lambda m: m["online"] and m["windows"].get("win-05", [None, None])[1] == "A001")
        assert meta["windows"]["win-01"][0] == "closed"
        keep(png, "manager_console", "map.png")
        not_blank(png)
        xdo(xvfb, "mousemove", "95", "125", "click", "1")  # the win-01 tile
        xdo(xvfb, "mousemove", "806", "156", "click", "1")  # Open
        png, _ = app.wait_shot(lambda m: m["windows"]["win-01"][0] == "open")
        keep(png, "manager_console", "opened.png")
        xdo(xvfb, "key", "F2")
        png, meta = app.wait_shot(lambda m: m["screen"] == "report" and m["plot"])
        keep(png, "manager_console", "report.png")
        not_blank(png)
        xdo(xvfb, "key", "ctrl+e")
        app.wait_shot(lambda m: m["notice"] == ["info", "exported"])
        figures = wait_for(lambda: list(export.glob("hall-report-*.csv")))
        assert any("hall,all,1,0" in f.read_text(encoding="utf-8") for f in figures)
    finally:
        app.stop()
        xvfb.stop()
