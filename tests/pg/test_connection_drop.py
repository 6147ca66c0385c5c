"""A hall whose database connections drop mid-day: it answers nothing it cannot store, then recovers.

The server's PostgreSQL sessions are ended from outside (pg_terminate_backend, as a database restart
or a network cut would) while a kiosk issues tickets under load; the kiosk's retries keep their
request ids. Every ticket must be answered once, no number twice or skipped, the database holding
exactly what was answered.
"""

from __future__ import annotations

import threading
import time

import psycopg

from tests.pg.test_servers import hall_file, numbers_in_db
from tests.support.server import ServerProcess, client

TICKETS = 120


def drop_sessions(pg_url: str, hall: str) -> int:
    """End every session the hall's server holds (its data and lock connections); how many ended."""
    with psycopg.connect(pg_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name IN (%s, %s)",
            (f"hallq-{hall}", f"hallq-lock-{hall}")).fetchall()
    return sum(1 for (ended,) in rows if ended)


def test_connection_drops_under_load_lose_and_duplicate_nothing(broker, pg_url, hall_id, tmp_path):
    hall = hall_file(tmp_path, hall_id)
    kiosk = client(broker.url, "kiosk-01", hall_id)
    server = ServerProcess(broker.url, pg_url, hall=str(hall), log=tmp_path / "s.log").start(wait_client=kiosk)
    answers: dict[int, str] = {}
    failures: list[object] = []

    def issue_all() -> None:
        for i in range(TICKETS):
            r = kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, timeout=60, request_id=f"d-{i}")
            if r.ok:
                answers[i] = str(r.result["ticket"]["number"])
            else:
                failures.append(r)

    worker = threading.Thread(target=issue_all)
    try:
        worker.start()
        for at in (20, 60, 100):  # three drops, each while tickets are being issued
            deadline = time.monotonic() + 60
            while len(answers) < at and worker.is_alive() and time.monotonic() < deadline:
                time.sleep(0.005)
            assert drop_sessions(pg_url, hall_id) >= 1
        worker.join(120)
        assert not worker.is_alive()
        assert failures == []
        assert server.proc is not None and server.proc.poll() is None, "the server stopped instead of recovering"
        numbers = sorted(answers.values())
        assert numbers == [f"A{n:03d}" for n in range(1, TICKETS + 1)], "a number was given twice or skipped"
        assert sorted(numbers_in_db(pg_url, hall_id)) == numbers, "the database holds other tickets than answered"
        again = kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id="d-7")
        assert again.ok and again.result["ticket"]["number"] == answers[7], "a retry after recovery was done twice"
        log = server.log.read_text()
        assert "answering nothing until it is back" in log and "store back" in log
    finally:
        kiosk.stop()
        server.stop()
