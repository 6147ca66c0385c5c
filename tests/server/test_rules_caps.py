"""Over the real broker and server: past a daily cap the kiosk gets `tickets_closed`, Chinese first,
and state/queues says the group is closed for today."""

from __future__ import annotations

from tests.server.rules_support import result, rules_server, wait_state

RULES = 'opens = "00:00"\n[[rules.caps]]\ngroup = "enterprise"\ndaily = 2'


def test_cap_refuses_with_a_whole_message(broker, tmp_path, bus):
    with rules_server(broker.url, tmp_path, RULES):
        kiosk, win, display = bus("kiosk-01"), bus("win-11"), bus("display-main")
        result(win.request("window.open"))
        for _ in range(2):
            result(kiosk.request("ticket.issue", {"matter": "biz-license"}))
        r = kiosk.request("ticket.issue", {"matter": "biz-change"})
        assert r.error_code == "tickets_closed"
        assert r.error_message.startswith("「企业开办」今日 2 个号已取完，请明天 00:00 起再来取号。")
        assert "they open again tomorrow from 00:00" in r.error_message
        q = wait_state(display, "queues", lambda s: any(g["status"] == "closed_for_today" for g in s["groups"]))
        assert [g["group"] for g in q["groups"] if g["status"] == "closed_for_today"] == ["enterprise"]
        result(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
