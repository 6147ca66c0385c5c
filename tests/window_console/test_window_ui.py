"""The window console as a process under Xvfb: shortcuts pressed with xdotool drive the real server."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.display.screens import ScreenApp, keep, not_blank
from tests.support.xvfb import Xvfb
from tests.window_console.helpers import wait_for

pytestmark = pytest.mark.ui


def key(xvfb: Xvfb, *keys: str) -> None:
    subprocess.run(["xdotool", "key", *keys], env=xvfb.env(), check=True, timeout=10)


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is missing")
def test_f_keys_open_call_and_finish(server, devices, broker, tmp_path):
    xvfb = Xvfb((1280, 720)).start()
    app = ScreenApp("window", ["--device", "win-05", "--broker", broker.url, "--size", "1280x720"],
                    tmp_path / "shots", xvfb.env(), tmp_path / "window.log")
    try:
        kiosk, mgr = devices("kiosk-01"), devices("mgr-01")
        app.wait_shot(lambda m: m["online"] and m["status"] == "closed")
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).ok
        key(xvfb, "F9")
        app.wait_shot(lambda m: m["status"] == "open" and m["groups"].get("comprehensive") == 1)
        key(xvfb, "F1")
        png, meta = app.wait_shot(lambda m: m["ticket"] == "A001")
        keep(png, "window_console", "called.png")
        not_blank(png)
        t = mgr.request("ticket.status", {"ticket": "A001"}).result["ticket"]
        assert (t["status"], t["window"]) == ("called", "win-05")
        key(xvfb, "F3")
        app.wait_shot(lambda m: m["ticket_status"] == "serving")
        key(xvfb, "F4")
        png, _ = app.wait_shot(lambda m: m["ticket"] is None and m["message"] == ["info", "finished"])
        wait_for(lambda: mgr.request("ticket.status", {"ticket": "A001"}).result["ticket"]["status"] == "done")
        key(xvfb, "F1")
        app.wait_shot(lambda m: m["message"] == ["info", "nobody_waiting"])
        key(xvfb, "F2")  # recall with no ticket: an error, in red
        png, _ = app.wait_shot(lambda m: m["message"] == ["error", "no_current_ticket"])
        keep(png, "window_console", "error.png")
        not_blank(png)
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).ok
        key(xvfb, "ctrl+n")  # the call-a-number dialog: type, Enter
        subprocess.run(["xdotool", "sleep", "0.5", "type", "a002"], env=xvfb.env(), check=True, timeout=10)
        key(xvfb, "Return")
        app.wait_shot(lambda m: m["ticket"] == "A002")
    finally:
        app.stop()
        xvfb.stop()


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is missing")
def test_no_show_undo_and_transfer_by_keyboard(server, devices, broker, tmp_path):
    xvfb = Xvfb((1280, 720)).start()
    app = ScreenApp("window", ["--device", "win-05", "--broker", broker.url, "--size", "1280x720"],
                    tmp_path / "shots", xvfb.env(), tmp_path / "window.log")
    try:
        kiosk, mgr = devices("kiosk-01"), devices("mgr-01")
        app.wait_shot(lambda m: m["online"] and m["status"] == "closed")
        key(xvfb, "F6")  # no ticket: no dialog, a message
        app.wait_shot(lambda m: m["message"] == ["error", "no_current_ticket"])
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).ok
        key(xvfb, "F9")
        app.wait_shot(lambda m: m["status"] == "open")
        key(xvfb, "F1")
        app.wait_shot(lambda m: m["ticket"] == "A001")
        key(xvfb, "F9")  # pause with a citizen called: refused
        png, _ = app.wait_shot(lambda m: m["message"] == ["error", "pause_with_ticket"])
        keep(png, "window_console", "pause-refused.png")
        key(xvfb, "F5")
        png, _ = app.wait_shot(lambda m: m["undo"] and m["message"] == ["info", "no_show_pending"])
        keep(png, "window_console", "no-show-undo.png")
        not_blank(png)
        key(xvfb, "Escape")
        app.wait_shot(lambda m: not m["undo"] and m["message"] == ["info", "no_show_undone"] and m["ticket"] == "A001")
        assert mgr.request("ticket.status", {"ticket": "A001"}).result["ticket"]["status"] == "called"
        key(xvfb, "F6")  # the dialog: Down picks the first group, type a note, Enter sends
        subprocess.run(["xdotool", "sleep", "0.6", "key", "Down", "sleep", "0.3", "type", "note"], env=xvfb.env(), check=True,
                       timeout=10)
        key(xvfb, "Return")
        png, _ = app.wait_shot(lambda m: m["message"] == ["info", "transferred"] and m["ticket"] is None)
        keep(png, "window_console", "transferred.png")
        t = mgr.request("ticket.status", {"ticket": "A001"}).result["ticket"]
        assert t["status"] == "transferred" and t["group"] != "comprehensive" and t["note"] == "note"
    finally:
        app.stop()
        xvfb.stop()
