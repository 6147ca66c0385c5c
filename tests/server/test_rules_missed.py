"""Over the real broker and server: the server recalls a missed call on its own, then no-shows it;
a kiosk re-activates it once."""

from __future__ import annotations

import json
import queue
import time

from tests.server.rules_support import result, rules_server

RULES = "[rules.missed_calls]\nrecalls = 2\nevery_s = 1\nreactivate_min = 5\nback = 1"


def test_auto_recall_no_show_and_reactivate(broker, tmp_path, bus):
    with rules_server(broker.url, tmp_path, RULES):
        kiosk, win, display = bus("kiosk-01"), bus("win-01"), bus("display-main")
        calls: queue.Queue[dict] = queue.Queue()
        display.subscribe("hall/demo/event/call", lambda _t, p: calls.put(json.loads(p)))
        for _ in range(3):
            result(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
        result(win.request("window.open"))
        assert result(win.request("call.next"))["ticket"]["number"] == "A001"
        deadline = time.monotonic() + 15
        status = "called"
        while time.monotonic() < deadline and status == "called":
            status = result(kiosk.request("ticket.status", {"ticket": "A001"}))["ticket"]["status"]
            time.sleep(0.2)
        assert status == "no_show"
        seen = [calls.get(timeout=5) for _ in range(3)]
        assert [(c["ticket"], c["recall"]) for c in seen] == [("A001", False), ("A001", True), ("A001", True)]
        back = result(kiosk.request("ticket.reactivate", {"number": "A001"}))
        assert back["ticket"]["status"] == "waiting" and back["ahead"] == 1
        assert result(win.request("call.next"))["ticket"]["number"] == "A002"


def test_an_older_store_gains_the_reactivated_column(tmp_path):
    import sqlite3

    from queue_server import store_sql as Q
    from queue_server.store_sqlite import SqliteStore
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.execute(Q.DDL[0])  # the tickets table as the first release made it
    old.execute("INSERT INTO tickets (hall, id, day, number, matter, grp, status, priority, issued_at, queued_at) "
                "VALUES ('demo', 't1', '2026-12-01', 'A001', 'hukou-transfer', 'comprehensive', 'done', 'none', 1, 1)")
    old.commit()
    old.close()
    store = SqliteStore(path, "demo")
    tickets, _ = store.history("2026-12-01")
    assert [(t.number, t.reactivated) for t in tickets] == [("A001", False)]
    store.close()
