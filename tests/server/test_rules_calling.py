"""Over the real broker and server: a window's preferred group goes first, the others after."""

from __future__ import annotations

from tests.server.rules_support import result, rules_server

RULES = '[[rules.calling]]\nwindow = "win-12"\nprefer = ["pickup"]\nratio = [2, 1]'


def test_preferred_group_then_fallback_over_the_bus(broker, tmp_path, bus):
    with rules_server(broker.url, tmp_path, RULES):
        kiosk, win = bus("kiosk-01"), bus("win-12")
        for matter in ("hukou-transfer", "pickup-certificate", "pickup-license"):
            result(kiosk.request("ticket.issue", {"matter": matter}))
        result(win.request("window.open"))
        called = []
        for _ in range(3):
            called.append(result(win.request("call.next"))["ticket"]["number"])
            result(win.request("ticket.finish"))
        assert called == ["E001", "E002", "A001"]
