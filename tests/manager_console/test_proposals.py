"""The manager applies a proposal with one tap: its window.assign / window.open reach the real server."""

from __future__ import annotations

import threading

from hallcore.hallfile import load_hall
from manager_console.proposals import Proposals
from tests.server.rules_support import result, wait_state


def test_apply_a_proposal_over_the_bus(server, bus):
    kiosk, mgr, display = bus("kiosk-01"), bus("mgr-01"), bus("display-main")
    result(mgr.request("window.open", {"window": "win-01"}))
    for _ in range(12):
        result(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
    queues = wait_state(display, "queues", lambda s: any(g["waiting"] == 12 for g in s["groups"]))
    windows = wait_state(display, "windows", lambda s: True)
    done = threading.Event()
    p = Proposals(load_hall("demo"), mgr, staff=3, on_done=lambda _a: done.set())
    items = p.load(queues, windows, 1741141800.0, {"comprehensive": 30.0})
    assert 1 <= len(items) <= 3 and items[0][0], items
    applied = p.apply(0)
    assert done.wait(15) and applied.failed is None and applied.sent == items[0][0]
    want = {args["window"] for op, args in items[0][0] if op == "window.open"}
    assert want
    wait_state(display, "windows", lambda s: want <= {w["id"] for w in s["windows"] if w["status"] == "open"})
