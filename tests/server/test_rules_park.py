"""Over the real broker and server: park a ticket, call the next, resume it; the park list is retained."""

from __future__ import annotations

from tests.server.rules_support import result, wait_state


def test_park_and_resume_over_the_bus(server, bus):
    kiosk, win, win2, display = bus("kiosk-01"), bus("win-01"), bus("win-02"), bus("display-main")
    for _ in range(2):
        result(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
    result(win.request("window.open"))
    result(win.request("call.next"))
    result(win.request("ticket.serve"))
    t = result(win.request("ticket.park", {"note": "缺户口本复印件"}))["ticket"]
    assert t["status"] == "parked" and t["parked_at"] and t["window"] == "win-01"
    state = wait_state(display, "windows", lambda s: any(w["parked"] for w in s["windows"]))
    assert {w["id"]: w for w in state["windows"]}["win-01"]["parked"] == ["A001"]
    assert result(win.request("call.next"))["ticket"]["number"] == "A002"
    assert win.request("ticket.resume", {"number": "A001"}).error_code == "ticket_in_progress"
    result(win2.request("window.open"))
    back = result(win2.request("ticket.resume", {"number": "A001"}))["ticket"]
    assert back["status"] == "serving" and back["window"] == "win-02" and back.get("parked_at") is None
    assert win2.request("ticket.resume", {"number": "A002"}).error_code == "ticket_in_progress"
