"""Real server processes on one PostgreSQL: active/standby for one hall, and kill -9 recovery."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psycopg

import hallcore
from tests.support.server import ServerProcess, client

DEMO_FILE = Path(hallcore.__file__).parent / "data" / "demo_hall.toml"


def hall_file(tmp_path: Path, hall_id: str) -> Path:
    text = DEMO_FILE.read_text(encoding="utf-8").replace('id = "demo"', f'id = "{hall_id}"', 1)
    path = tmp_path / f"{hall_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def numbers_in_db(pg_url: str, hall: str) -> list[str]:
    with psycopg.connect(pg_url) as conn:
        return [r[0] for r in conn.execute("SELECT number FROM tickets WHERE hall = %s", (hall,))]


def test_standby_waits_then_takes_over_without_duplicates(broker, pg_url, hall_id, tmp_path):
    hall = hall_file(tmp_path, hall_id)
    kiosk = client(broker.url, "kiosk-01", hall_id)
    a = ServerProcess(broker.url, pg_url, hall=str(hall), log=tmp_path / "a.log").start(wait_client=kiosk)
    b = ServerProcess(broker.url, pg_url, hall=str(hall), log=tmp_path / "b.log").start()
    try:
        deadline = time.monotonic() + 30  # b says it waits as a standby: then, and only then, kill a
        while "hot standby" not in b.log.read_text() and time.monotonic() < deadline:
            assert b.proc is not None and b.proc.poll() is None, b.log.read_text()
            time.sleep(0.05)
        assert "hot standby" in b.log.read_text(), b.log.read_text()
        answers: dict[int, dict[str, object]] = {}

        def issue_all() -> None:
            for i in range(60):
                r = kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, timeout=30, request_id=f"k-{i}")
                assert r.ok, r
                answers[i] = r.result

        worker = threading.Thread(target=issue_all)
        worker.start()
        while len(answers) < 20:
            time.sleep(0.01)
        a.kill9()
        worker.join(60)
        assert len(answers) == 60
        numbers = [str(r["ticket"]["number"]) for r in answers.values()]  # type: ignore[index]
        assert sorted(numbers) == [f"A{n:03d}" for n in range(1, 61)], "a number was issued twice or skipped"
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id="k-3").result == answers[3]
        assert sorted(numbers_in_db(pg_url, hall_id)) == sorted(numbers)
        assert "owns it (epoch 2)" in b.log.read_text()
    finally:
        kiosk.stop()
        b.stop()
        if a.proc is not None:
            a.stop()


def test_kill_9_recovers_the_hall_from_postgresql(broker, pg_url, hall_id, tmp_path):
    hall = hall_file(tmp_path, hall_id)
    kiosk, win = client(broker.url, "kiosk-02", hall_id), client(broker.url, "win-01", hall_id)
    s = ServerProcess(broker.url, pg_url, hall=str(hall), log=tmp_path / "s.log").start(wait_client=kiosk)
    try:
        issued = [kiosk.request("ticket.issue", {"matter": "pension-certify"}, request_id=f"p-{i}") for i in range(5)]
        assert win.request("window.open").ok
        called = win.request("call.next", request_id="c-1")
        s.kill9()
        s.start(wait_client=kiosk)
        assert kiosk.request("ticket.issue", {"matter": "pension-certify"}, request_id="p-2").result == issued[2].result
        assert win.request("call.next", request_id="c-1").result == called.result
        assert win.request("ticket.finish").ok
        nxt = win.request("call.next").result["ticket"]["number"]
        assert nxt == "A002"
        assert kiosk.request("ticket.issue", {"matter": "pension-certify"}).result["ticket"]["number"] == "A006"
        assert json.dumps(sorted(numbers_in_db(pg_url, hall_id))) == json.dumps([f"A{n:03d}" for n in range(1, 7)])
    finally:
        kiosk.stop()
        win.stop()
        s.stop()
