"""Over the real broker and server: a group no window serves says `no_window`, with no estimate."""

from __future__ import annotations

from tests.server.rules_support import result, wait_state


def groups(state):
    return {g["group"]: g for g in state["groups"]}


def test_no_window_status_and_null_estimate(server, bus):
    kiosk, win, display = bus("kiosk-01"), bus("win-11"), bus("display-main")
    issued = result(kiosk.request("ticket.issue", {"matter": "biz-license"}))
    assert issued["est_wait_s"] is None and issued["queue_status"] == "no_window"
    q = wait_state(display, "queues", lambda s: groups(s)["enterprise"]["waiting"] == 1)
    assert groups(q)["enterprise"]["status"] == "no_window" and groups(q)["enterprise"]["est_wait_s"] is None
    result(win.request("window.open"))
    q = wait_state(display, "queues", lambda s: groups(s)["enterprise"]["status"] == "open")
    assert groups(q)["enterprise"]["est_wait_s"] > 0
    st = result(kiosk.request("ticket.status", {"ticket": issued["ticket"]["number"]}))
    assert st["est_wait_s"] == 0 and st["queue_status"] == "open"  # ahead of no one, one window: called next
