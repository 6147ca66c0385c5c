"""The window console lists its parked tickets, from the server's retained state/windows."""

from __future__ import annotations

from tests.window_console.helpers import console, run, wait_for
from window_console import texts


def test_console_lists_parked_tickets(server, bus, devices):
    c = console(bus)
    assert devices("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"}).ok
    run(c, lambda: c.act("toggle_open"))
    run(c, lambda: c.act("call_next"))
    run(c, lambda: c.park("缺复印件"))
    assert c.view.ticket is None and texts.message(c.message) == ("A001 已挂起，可叫下一位", "A001 parked; call the next")
    wait_for(lambda: c.view.parked == ("A001",), what="parked list from state/windows")
    assert "挂起 parked: A001" in texts.groups_line(c.view)
    run(c, lambda: c.resume_parked("a001"))
    assert c.view.ticket is not None and c.view.ticket.number == "A001" and c.message.code == "resumed"
    wait_for(lambda: c.view.parked == (), what="park list emptied")
