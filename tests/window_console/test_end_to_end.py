"""End to end: a call made at a window console reaches the hall display's event/call."""

from __future__ import annotations

import json
import queue

from tests.window_console.helpers import console, run


def test_a_console_call_reaches_the_display(server, bus, devices):
    display = devices("display-main")
    calls: queue.Queue[dict] = queue.Queue()
    display.subscribe(display.topics.event_call, lambda _t, p: calls.put(json.loads(p)))
    c = console(bus, "win-05")
    run(c, lambda: c.act("toggle_open"))
    devices("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"})
    run(c, lambda: c.act("call_next"))
    call = calls.get(timeout=5)
    assert (call["ticket"], call["window"], call["recall"]) == ("A001", "win-05", False)
    assert call["window_label"] == {"zh": "5号窗口", "en": "Window 5"}
    run(c, lambda: c.act("recall"))
    again = calls.get(timeout=5)
    assert (again["ticket"], again["recall"]) == ("A001", True)
