"""Booking over the real broker and server (PROTOCOL 1.1 预约): no oversold slot, exactly once, kept."""

from __future__ import annotations

import hashlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.server.rules_support import result
from tests.support.server import ServerProcess, client

DEMO = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")


def key(n: int) -> str:
    return hashlib.sha256(f"citizen-{n}".encode()).hexdigest()


def tomorrow() -> str:
    return (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=1)).date().isoformat()


def start(broker_url: str, tmp: Path, places: int) -> ServerProcess:
    hall = tmp / "booking_hall.toml"
    hall.write_text(DEMO.replace("slot_min = 30\nplaces = 3", f"slot_min = 30\nplaces = {places}"), "utf-8")
    s = ServerProcess(broker_url, tmp / "booking.db", hall=str(hall))
    probe = client(broker_url, "display-main")
    try:
        s.start(wait_client=probe)
    finally:
        probe.stop()
    return s


def left(web, day: str, at: str) -> int:  # type: ignore[no-untyped-def]
    slots = result(web.request("appointment.slots", {"matter": "re-transfer", "date": day}))["slots"]
    return next(s["left"] for s in slots if s["start"].startswith(f"{day}T{at}"))


def test_fifty_racing_for_the_last_three_places_get_three_bookings(broker, tmp_path, bus) -> None:  # type: ignore[no-untyped-def]
    s = start(broker.url, tmp_path, places=10)
    try:
        web, day = bus("web-01"), tomorrow()
        slot = f"{day}T09:30"
        for n in range(7):
            result(web.request("appointment.book", {"matter": "re-transfer", "slot": slot,
                                                    "citizen": {"key": key(n), "name_masked": "张*"}}))
        assert left(web, day, "09:30") == 3

        def book(n: int) -> str:
            r = web.request("appointment.book", {"matter": "re-transfer", "slot": slot,
                                                 "citizen": {"key": key(n), "name_masked": "李*"}}, timeout=30)
            return "ok" if r.ok else str(r.error_code)

        with ThreadPoolExecutor(50) as pool:
            got = Counter(pool.map(book, range(100, 150)))
        assert got == {"ok": 3, "slot_full": 47}, got
        assert left(web, day, "09:30") == 0
        # the same request id twice: the one booking, answered again, never a second place
        args = {"matter": "re-transfer", "slot": f"{day}T10:00", "citizen": {"key": key(999), "name_masked": None}}
        a = result(web.request("appointment.book", args, request_id="same-id-1"))
        b = result(web.request("appointment.book", args, request_id="same-id-1"))
        assert a == b and left(web, day, "10:00") == 9
        assert web.request("appointment.book", args).error_code == "limit_reached"  # one a day per group
        # kept in the store: a restarted server sees the same places and the same answers
        s.stop()
        s.start(wait_client=web)
        assert left(web, day, "09:30") == 0 and left(web, day, "10:00") == 9
        assert result(web.request("appointment.book", args, request_id="same-id-1")) == a
        # cancel frees the place; only with the citizen's own key
        assert web.request("appointment.cancel", {"id": a["appointment"]["id"], "citizen_key": key(1)}
                           ).error_code == "unknown_ticket"
        c = result(web.request("appointment.cancel", {"id": a["appointment"]["id"], "citizen_key": key(999)}))
        assert c["appointment"]["status"] == "cancelled" and left(web, day, "10:00") == 10
    finally:
        s.stop()


def test_roles_and_bad_arguments(server, bus) -> None:  # type: ignore[no-untyped-def]
    web, kiosk, mgr = bus("web-01"), bus("kiosk-01"), bus("mgr-01")
    day = tomorrow()
    assert kiosk.request("appointment.slots", {"group": "real_estate", "date": day}).error_code == "not_allowed"
    assert web.request("booking.unblock", {"citizen_key": key(1), "reason": "x"}).error_code == "not_allowed"
    assert web.request("appointment.slots", {"group": "real_estate", "date": "2026-13-40"}).error_code == "bad_request"
    assert web.request("appointment.slots", {"group": "comprehensive", "date": day}).error_code == "unknown_group"
    assert web.request("appointment.book", {"matter": "re-transfer", "slot": f"{day}T09:30",
                                            "citizen": {"key": "110101199003074514"}}).error_code == "bad_request"
    assert mgr.request("booking.unblock", {"citizen_key": key(1), "reason": "x"}).error_code == "invalid_state"
    booked = result(web.request("appointment.book", {"matter": "re-transfer", "slot": f"{day}T09:30",
                                                     "citizen": {"key": key(1), "name_masked": "王*"}}))
    report = result(mgr.request("hall.report", {"date": day}))
    offered = sum(x["capacity"] for g in ("real_estate", "provident_fund")
                  for x in result(web.request("appointment.slots", {"group": g, "date": day}))["slots"])
    assert report["bookings"]["booked"] == 1 and report["bookings"]["places"] == offered > 0
    assert mgr.request("hall.report", {"date": "2026-02-30"}).error_code == "bad_request"
    listing = result(mgr.request("booking.list", {"date": day}))
    assert [b["name_masked"] for b in listing["bookings"]] == ["王*"] and listing["blocked"] == []
    # the kiosk checks the booked code: another day, with the reason
    r = kiosk.request("ticket.issue", {"matter": "re-transfer", "appointment": booked["appointment"]["code"],
                                       "citizen": {"key": key(1), "name_masked": "王*"}})
    assert r.error_code == "appointment_invalid" and "another day" in (r.error_message or "")
