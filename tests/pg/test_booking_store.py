"""Bookings kept by both stores (SQLite file and PostgreSQL), in-process with a fake clock:
book, restart, check in at the kiosk, the no-show block and its lifting survive a restart."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hallbus.envelope import encode_request
from hallcore.clock import FakeClock
from hallcore.hallfile import load_hall
from queue_server.service import QueueService
from queue_server.stores import Store

DEMO = load_hall("demo")
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=TZ).timestamp()  # a Tuesday
KEY, OTHER = "ab" * 32, "cd" * 32


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=TZ).timestamp()


@pytest.fixture(params=["sqlite", "pg"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    if request.param == "sqlite":
        from queue_server.store_sqlite import SqliteStore
        return lambda: SqliteStore(tmp_path / "hall.db", "demo")
    url = request.getfixturevalue("pg_url")
    from queue_server.store_pg import PgStore
    return lambda: PgStore(url, "demo")


def ask(svc: QueueService, device: str, rid: str, op: str, args: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(svc.handle_batch([(device, encode_request(rid, op, args))]).responses[0][1])
    return out


def book(svc: QueueService, rid: str, slot: str, key: str = KEY) -> dict[str, Any]:
    return ask(svc, "web-01", rid, "appointment.book",
               {"matter": "re-transfer", "slot": slot, "citizen": {"key": key, "name_masked": "张*"}})


def test_bookings_survive_a_restart_and_check_in(make_store: Callable[[], Store]) -> None:
    clock = FakeClock(T0)
    svc = QueueService(DEMO, make_store(), clock)
    made = book(svc, "b1", "2026-12-02T09:30")
    assert made["ok"], made
    svc.store.close()
    clock.t = at("2026-12-02T08:00")
    svc = QueueService(DEMO, make_store(), clock)
    assert book(svc, "b1", "2026-12-02T09:30") == made  # the same request id: the same answer
    code = made["result"]["appointment"]["code"]
    early = ask(svc, "kiosk-01", "k1", "ticket.issue",
                {"matter": "re-transfer", "appointment": code, "citizen": {"key": KEY, "name_masked": "张*"}})
    assert early["error"]["code"] == "too_early" and "08:30" in early["error"]["message"]
    clock.t = at("2026-12-02T09:20")
    t = ask(svc, "kiosk-01", "k2", "ticket.issue",
            {"matter": "re-transfer", "appointment": code, "citizen": {"key": KEY, "name_masked": "张*"}})
    assert t["ok"] and t["result"]["ticket"]["priority"] == "appointment", t
    svc.store.close()
    svc = QueueService(DEMO, make_store(), clock)
    again = ask(svc, "kiosk-01", "k3", "ticket.issue",
                {"matter": "re-transfer", "appointment": code, "citizen": {"key": KEY, "name_masked": "张*"}})
    assert again["error"]["code"] == "appointment_used"
    listing = ask(svc, "mgr-01", "l1", "booking.list", {"date": "2026-12-02"})["result"]
    assert [b["status"] for b in listing["bookings"]] == ["checked_in"]
    svc.store.close()


def test_no_show_block_kept_and_lifted_with_a_reason(make_store: Callable[[], Store]) -> None:
    clock = FakeClock(T0)
    svc = QueueService(DEMO, make_store(), clock)
    for i, d in enumerate(["2026-12-02", "2026-12-03", "2026-12-04"]):
        assert book(svc, f"b{i}", f"{d}T09:30")["ok"]
    clock.t = at("2026-12-04T10:31")  # the third slot's end plus the 30-minute late margin
    svc.tick()
    svc.store.close()
    svc = QueueService(DEMO, make_store(), clock)
    blocked = book(svc, "b9", "2026-12-05T09:30")
    assert blocked["error"]["code"] == "booking_blocked" and "2027-03-04" in blocked["error"]["message"]
    assert book(svc, "b10", "2026-12-05T09:30", OTHER)["ok"]
    listing = ask(svc, "mgr-01", "l1", "booking.list", {"date": "2026-12-04"})["result"]
    assert [b["name_masked"] for b in listing["blocked"]] == ["张*"] and listing["blocked"][0]["until"].startswith("2027-03-04")
    lifted = ask(svc, "mgr-01", "u1", "booking.unblock", {"citizen_key": KEY, "reason": "hospital certificate"})
    assert lifted["ok"] and lifted["result"]["block"]["reason"] == "hospital certificate"
    svc.store.close()
    svc = QueueService(DEMO, make_store(), clock)
    assert book(svc, "b11", "2026-12-05T10:00")["ok"]
    svc.store.close()


def test_a_closure_added_after_booking_cancels_the_bookings_of_that_day(make_store: Callable[[], Store]) -> None:
    clock = FakeClock(T0)
    svc = QueueService(DEMO, make_store(), clock)
    kept, closed = book(svc, "b1", "2026-12-03T09:30"), book(svc, "b2", "2026-12-02T09:30")
    assert kept["ok"] and closed["ok"]
    svc.store.close()
    closing = dataclasses.replace(DEMO, booking=dataclasses.replace(DEMO.booking, closures=frozenset({"2026-12-02"})))
    svc = QueueService(closing, make_store(), clock)
    svc.tick()  # time alone commits what loading the new hall file changed
    svc.store.close()
    svc = QueueService(closing, make_store(), clock)
    status = {b.id: b.status for b in svc.hall.booking.bookings.values()}
    assert status == {kept["result"]["appointment"]["id"]: "booked", closed["result"]["appointment"]["id"]: "cancelled"}
    again = book(svc, "b3", "2026-12-02T10:00", OTHER)
    assert again["error"]["code"] == "closed_day"
    svc.store.close()
