"""Also found: `call.number` let win-01 take back a ticket it had transferred to win-02 (pinned there)."""

from __future__ import annotations

from tests.security.conftest import Hall, Server


def test_only_the_window_a_ticket_was_transferred_to_may_call_it(hall: Hall, server: Server) -> None:
    kiosk, w1, w2 = hall.bus("kiosk-01"), hall.bus("win-01"), hall.bus("win-02")
    try:
        number = kiosk.request("ticket.issue", {"matter": "resident-id-renew"}).result["ticket"]["number"]
        assert w1.request("window.open").ok and w2.request("window.open").ok
        assert w1.request("call.number", {"number": number}).ok
        moved = w1.request("ticket.transfer", {"to_window": "win-02"})
        assert moved.ok and moved.result["ticket"]["target_window"] == "win-02"
        taken = w1.request("call.number", {"number": number})
        assert taken.error_code == "not_allowed" and "win-02" in (taken.error_message or ""), taken
        assert kiosk.request("ticket.status", {"ticket": number}).result["ticket"]["status"] == "transferred"
        got = w2.request("call.number", {"number": number})
        assert got.ok and got.result["ticket"]["window"] == "win-02"
    finally:
        for c in (kiosk, w1, w2):
            c.stop()
