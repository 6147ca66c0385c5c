"""The manager console shows state/alerts at the top, alarms first, coloured by level."""

from __future__ import annotations

from manager_console import texts
from manager_console.alerts_feed import attach_alerts
from tests.manager_console.test_controller import manager
from tests.window_console.helpers import wait_for


def test_alerts_reach_the_console_coloured(server, bus, devices):
    m = manager(devices, planner=False)
    attach_alerts(devices("mgr-01"), m.on_alerts)
    assert devices("kiosk-01").request("ticket.issue", {"matter": "biz-license"}).ok
    wait_for(lambda: m.view.alerts and m.view.alerts[0].code == "no_window", timeout=10, what="state/alerts")
    shown = texts.alerts(m.view)
    assert shown.startswith("[color=d32f2f]● 「企业开办」有 1 人等候，没有窗口办理") and "no window open" in shown
