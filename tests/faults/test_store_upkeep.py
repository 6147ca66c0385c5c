"""`hallq store`: an online backup while the server writes, and the citizen-key retention rule."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

from hallbus.envelope import encode_request
from hallcore.clock import FakeClock
from hallcore.hallfile import load_hall
from queue_server import store_main
from queue_server.service import QueueService
from queue_server.store_sqlite import SqliteStore
from tests.support.server import ROOT, client


def hallq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hallq", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_backup_taken_while_the_server_writes_holds_every_answered_ticket(broker, server, tmp_path):
    kiosk = client(broker.url, "kiosk-03")
    answered: list[str] = []
    stop = threading.Event()

    def issue() -> None:
        i = 0
        while not stop.is_set():
            r = kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id=f"b-{i}")
            assert r.ok, r
            answered.append(r.result["ticket"]["id"])
            i += 1

    writer = threading.Thread(target=issue)
    writer.start()
    try:
        for n in range(3):
            time.sleep(0.3)
            before = list(answered)
            out = tmp_path / f"backup-{n}.db"
            done = hallq("store", "backup", "--db", str(server.db), "--out", str(out))
            assert done.returncode == 0, done.stderr
            db = sqlite3.connect(out)
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ids = {r[0] for r in db.execute("SELECT id FROM tickets")}
            assert set(before) <= ids, "a ticket answered before the backup began is missing from it"
            seq = db.execute("SELECT seq FROM counters WHERE grp = 'comprehensive'").fetchone()[0]
            assert seq == len(ids), "tickets and counters of the copy are from different moments"
            assert db.execute("SELECT count(*) FROM responses").fetchone()[0] >= len(ids)
            db.close()
    finally:
        stop.set()
        writer.join(10)
        kiosk.stop()
    assert len(answered) > 20


def test_erase_keys_removes_only_keys_older_than_the_rule(tmp_path):
    path = tmp_path / "hall.db"
    now = time.time()
    clock = FakeClock(now - 5 * 86400)
    svc = QueueService(load_hall("demo"), SqliteStore(path, "demo"), clock)
    for rid, back_days in (("0a", 5), ("0b", 2), ("0c", 1), ("0d", 0)):  # key prefixes: old, edge, recent, today
        clock.t = now - back_days * 86400
        body = svc.handle_batch([("kiosk-01", encode_request(rid, "ticket.issue", {
            "matter": "hukou-transfer", "citizen": {"key": rid + "ef" * 31}}))]).responses[0][1]
        assert b'"ok":true' in body, body
    svc.store.close()
    assert store_main.main(["erase-keys", "--db", str(path), "--hall", "demo", "--days", "2"]) == 0
    db = sqlite3.connect(path)
    keys = dict(db.execute("SELECT substr(citizen_key, 1, 2), day FROM tickets WHERE citizen_key IS NOT NULL"))
    assert set(keys) == {"0b", "0c", "0d"}, "only the key older than 2 days is gone"
    assert db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 4, "tickets stay for the figures"
    other = hallq("store", "erase-keys", "--db", str(path), "--hall", "elsewhere", "--days", "0")
    assert other.returncode == 0 and "of 0 tickets" in other.stdout  # another hall's rule touches nothing here
    db.close()


def test_store_commands_fail_cleanly_on_a_missing_store(tmp_path):
    missing = str(tmp_path / "nope.db")
    assert store_main.main(["backup", "--db", missing, "--out", str(tmp_path / "x.db")]) == 2
    assert store_main.main(["erase-keys", "--db", missing, "--hall", "demo", "--days", "30"]) == 2
    assert not (tmp_path / "nope.db").exists()
