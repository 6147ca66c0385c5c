"""The PostgreSQL store in-process: round trip, halls kept apart, one owner per hall, fencing."""

from __future__ import annotations

import dataclasses
import json
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbus.envelope import encode_request
from hallcore.clock import FakeClock
from hallcore.hallfile import load_hall
from queue_server.service import QueueService
from queue_server.store_errors import StoreError
from queue_server.store_pg import PgStore, key_in, key_out
from tests.fuzz import checks
from tests.fuzz.service_run import T0

DEMO = load_hall("demo")


def service(url: str, hall: str, clock: FakeClock) -> QueueService:
    return QueueService(dataclasses.replace(DEMO, id=hall), PgStore(url, hall), clock)


def ask(svc: QueueService, device: str, rid: str, op: str, args: dict[str, object] | None = None) -> bytes:
    return svc.handle_batch([(device, encode_request(rid, op, args))]).responses[0][1]


def ask_ok(svc: QueueService, device: str, rid: str, op: str, args: dict[str, object] | None = None) -> None:
    body = ask(svc, device, rid, op, args)
    assert json.loads(body)["ok"], body


def a_day(svc: QueueService) -> None:
    for i in range(6):
        ask_ok(svc, f"kiosk-0{1 + i % 3}", f"k{i}", "ticket.issue",
            {"matter": ["hukou-transfer", "re-transfer"][i % 2], "citizen": {"key": f"ab{i:02d}" * 16, "name_masked": "张*"}})
    for w in ("win-01", "win-08"):
        ask_ok(svc, w, "open", "window.open")
        ask_ok(svc, w, "n1", "call.next")
    ask_ok(svc, "win-01", "f1", "ticket.finish")
    ask_ok(svc, "eval-01", "e1", "evaluation.submit", {"ticket": "A001", "score": 2, "reasons": ["slow"]})
    ask_ok(svc, "win-08", "t1", "ticket.transfer", {"to_window": "win-01", "note": "needs \x00 hukou"})
    ask_ok(svc, "win-01", "n2", "call.next")


def test_round_trip_restores_the_same_hall_and_answers(pg_url, hall_id):
    clock = FakeClock(T0)
    svc = service(pg_url, hall_id, clock)
    a_day(svc)
    checks.check_hall(svc.hall)
    first = ask(svc, "kiosk-01", "k3", "ticket.issue", {"matter": "re-transfer"})
    svc.store.close()
    again = service(pg_url, hall_id, clock)
    assert checks.state(again.hall) == checks.state(svc.hall)
    assert set(again.answered) == set(svc.answered)
    assert ask(again, "kiosk-01", "k3", "ticket.issue", {"matter": "re-transfer"}) == first
    tickets, evals = again.store.history(again.hall.day)
    assert sorted(t.number for t in tickets) == ["A001", "A002", "A003", "B001", "B002", "B003"]
    assert [(e.score, e.reasons) for e in evals] == [(2, ["slow"])]
    assert isinstance(tickets[0].issued_at, float) and abs(tickets[0].issued_at - T0) < 1e-6  # 8-byte reals
    again.store.close()


def test_two_halls_in_one_database_stay_separate(pg_url, hall_id):
    clock = FakeClock(T0)
    a, b = service(pg_url, hall_id + "a", clock), service(pg_url, hall_id + "b", clock)  # both owned at once
    for i in range(3):
        ask(a, "kiosk-01", f"r{i}", "ticket.issue", {"matter": "hukou-transfer"})
    ask(b, "kiosk-01", "r0", "ticket.issue", {"matter": "hukou-transfer"})
    numbers = {s.config.id: sorted(s.hall.by_number) for s in (a, b)}
    assert numbers == {hall_id + "a": ["A001", "A002", "A003"], hall_id + "b": ["A001"]}
    for s in (a, b):
        s.store.close()
    a2, b2 = service(pg_url, hall_id + "a", clock), service(pg_url, hall_id + "b", clock)
    assert sorted(a2.hall.by_number) == ["A001", "A002", "A003"] and sorted(b2.hall.by_number) == ["A001"]
    assert len(b2.answered) == 1
    for s in (a2, b2):
        s.store.close()


def test_second_owner_waits_until_the_first_lets_go(pg_url, hall_id):
    first = PgStore(pg_url, hall_id)
    with pytest.raises(StoreError, match="another server"):
        PgStore(pg_url, hall_id, standby=False)
    got: list[PgStore] = []
    standby = threading.Thread(target=lambda: got.append(PgStore(pg_url, hall_id)), daemon=True)
    standby.start()
    time.sleep(1.0)
    assert not got, "the standby took the hall while its owner was alive"
    first.close()
    standby.join(10)
    assert got and got[0].epoch == first.epoch + 1
    got[0].close()


def test_an_owner_that_lost_its_lock_cannot_write(pg_url, hall_id):
    import psycopg

    old = PgStore(pg_url, hall_id)
    assert old.lock_conn is not None
    pid = old.lock_conn.info.backend_pid
    with psycopg.connect(pg_url, autocommit=True) as admin:  # the lock session dies (network, restart)
        # with a timeout it returns only once the backend is gone and its advisory lock released
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
    new = PgStore(pg_url, hall_id, standby=False)
    with pytest.raises(StoreError, match="taken over"):
        old.commit(QueueService(dataclasses.replace(DEMO, id=hall_id), new, FakeClock(T0)).hall.take_changes(),
                   [("kiosk-01", "x", b"{}", T0)])
    old.close()
    new.close()


def test_retention_erases_old_keys_only(pg_url, hall_id):
    clock = FakeClock(T0)
    svc = service(pg_url, hall_id, clock)
    ask(svc, "kiosk-01", "old", "ticket.issue", {"matter": "hukou-transfer", "citizen": {"key": "ab" * 32}})
    clock.advance(3 * 86400)
    ask(svc, "kiosk-01", "new", "ticket.issue", {"matter": "hukou-transfer", "citizen": {"key": "cd" * 32}})
    svc.store.close()
    maint = PgStore(pg_url, hall_id, own=False)
    assert maint.erase_citizen_keys(svc.hall.day) == 1
    keys = {t.citizen_key for t in maint.history(svc.hall.day)[0]}
    assert keys == {"cd" * 32}
    maint.close()


@given(st.text())
def test_request_ids_survive_the_nul_escape(rid):
    assert key_out(key_in(rid)) == rid and "\x00" not in key_in(rid)
