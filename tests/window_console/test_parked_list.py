"""The window console lists its parked tickets, from the server's retained state/windows."""

from __future__ import annotations

from tests.window_console.helpers import console, run, wait_for
from window_console import texts


def test_console_lists_parked_tickets(server, bus, devices):
    c = console(bus)
    assert devices("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"}).ok
    run(c, lambda: c.act("toggle_open"))
    run(c, lambda: c.act("call_next"))
    assert devices("win-05").request("ticket.park", {"note": "缺复印件"}).ok
    wait_for(lambda: c.view.parked == ("A001",), what="parked list from state/windows")
    assert "挂起 parked: A001" in texts.groups_line(c.view)
