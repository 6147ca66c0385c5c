"""A closure day added after bookings were made: the server, loading the hall file, cancels that
day's bookings and texts each citizen through the SMS twin (one message id per booking); other days' bookings stay."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hallcore.hallfile import load_hall
from hallcore.phone import seal
from tests.support.server import ServerProcess, client

PHONE = "13912345670"


def wait_for(cond, timeout: float = 15.0, what: str = ""):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_closure_cancels_that_days_bookings_and_texts_once(broker, tmp_path, sms_hall) -> None:  # type: ignore[no-untyped-def]
    twin, hall_path = sms_hall
    config = load_hall(str(hall_path))
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    d1, d2 = (today + timedelta(days=1)).isoformat(), (today + timedelta(days=2)).isoformat()
    s = ServerProcess(broker.url, tmp_path / "hall.db", hall=str(hall_path))
    web = client(broker.url, "web-01")
    try:
        s.start(wait_client=web)
        ids = {}
        for n, day in enumerate((d1, d2)):
            r = web.request("appointment.book", {
                "matter": "re-transfer", "slot": f"{day}T09:30", "phone": seal(config.web.seal_key, "booking", PHONE),
                "citizen": {"key": hashlib.sha256(f"c{n}".encode()).hexdigest(), "name_masked": "张*"}})
            assert r.ok, r
            ids[day] = r.result["appointment"]["id"]
        s.stop()
        hall_path.write_text(hall_path.read_text("utf-8") + f'\n[booking]\nclosures = ["{d1}"]\n', "utf-8")
        s.start(wait_client=web)
        sent = wait_for(lambda: [m for m in twin.messages if m["id"] == f"{ids[d1]}:closed"], what="the closure text")
        assert len(sent) == 1 and "大厅不办公" in sent[0]["text"] and sent[0]["to"].endswith(PHONE[-8:])
        def stored_phone(bid: str) -> tuple[object, ...]:
            with sqlite3.connect(tmp_path / "hall.db") as db:
                return tuple(db.execute("SELECT status, phone_sealed FROM bookings WHERE id = ?", (bid,)).fetchone())

        wait_for(lambda: stored_phone(ids[d1]) == ("cancelled", None), what="the phone erased once told")
        assert stored_phone(ids[d2])[1] is not None  # a booking still to come keeps its number
        slots = web.request("appointment.slots", {"matter": "re-transfer", "date": d1})
        assert slots.error_code == "closed_day"
        left = {x["start"][:16]: x["left"] for x in web.request("appointment.slots", {"matter": "re-transfer", "date": d2}).result["slots"]}
        assert left[f"{d2}T09:30"] == 2  # the other day's booking stands
    finally:
        web.stop()
        s.stop()
