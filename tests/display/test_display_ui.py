"""The display app as a process under Xvfb, against a real broker and queue server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.display.screens import ScreenApp, keep, not_blank, share
from tests.support.xvfb import Xvfb

pytestmark = pytest.mark.ui
ACCENT = (255, 194, 8)  # the highlight panel, display_screen.kv
PANEL_BOX = (0.02, 0.16, 0.58, 0.58)  # where the current call is drawn


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    x = Xvfb((3840, 2160)).start()
    yield x
    x.stop()


def test_call_shows_highlighted_and_a_restart_redraws_from_retained_state(server, bus, broker, xvfb, tmp_path):
    args = ["--device", "display-main", "--broker", broker.url, "--hall-id", "demo", "--voice", "espeak"]
    app = ScreenApp("display", args, tmp_path / "shots1", xvfb.env(), tmp_path / "display1.log")
    try:
        idle_png, _ = app.wait_shot(lambda m: m["offline"] is None and m["hall"] == "市民服务中心"
                                    and "comprehensive" in m["groups"])
        idle = not_blank(idle_png)
        win, kiosk = bus("win-01"), bus("kiosk-01")
        assert win.request("window.open").ok
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).ok
        assert win.request("call.next").result["ticket"]["number"] == "A001"
        png, meta = app.wait_shot(lambda m: m["current"] == "A001" and m["highlight"])
        assert meta["window"] == "win-01" and meta["recent"] == ["A001"]
        img = not_blank(png)
        keep(png, "display", "call-1280x720.png")
        assert share(idle, ACCENT, PANEL_BOX) < 0.01 and share(img, ACCENT, PANEL_BOX) > 0.5
    finally:
        app.stop()

    # rebooted mid-day, on a 4K screen: the right picture from retained state, nothing re-announced
    app = ScreenApp("display", [*args, "--size", "3840x2160"], tmp_path / "shots2", xvfb.env(),
                    tmp_path / "display2.log")
    try:
        png, meta = app.wait_shot(lambda m: m["current"] == "A001" and m["offline"] is None)
        assert not meta["highlight"] and meta["recent"] == ["A001"]
        img = not_blank(png)
        assert img.size == (3840, 2160)
        keep(png, "display", "restart-3840x2160.png")
        server.stop()  # the server goes away: the display says so
        png, meta = app.wait_shot(lambda m: m["offline"] == "server_offline", timeout=15)
        assert meta["current"] == "A001"
        keep(png, "display", "server-offline.png")
    finally:
        app.stop()
