"""Exactly once over an at-least-once network, and nothing lost to kill -9."""

from __future__ import annotations

import json
import sqlite3
import threading

from hallbus.envelope import encode_request
from hallbus.mqtt import BrokerSpec, Connection
from tests.support.server import RawDevice, client


def test_duplicate_delivery_gets_the_first_answer_and_changes_nothing(broker, server, bus):
    raw = RawDevice(broker.url, "kiosk-05")
    try:
        payload = encode_request("dup-1", "ticket.issue", {"matter": "hukou-transfer"})
        for _ in range(3):
            raw.send(payload)
        answers = raw.responses(3)
        assert len(answers) == 3 and all(a == answers[0] for a in answers)
        assert answers[0]["result"]["ticket"]["number"] == "A001"
    finally:
        raw.stop()
    nxt = bus("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"})
    assert nxt.result["ticket"]["number"] == "A002"


def test_retry_after_a_lost_response(broker, server):
    # a kiosk whose response is lost: it published, but was not listening for the answer
    deaf = Connection(BrokerSpec.from_url(broker.url), "deaf-kiosk-06")
    deaf.start(wait=5)
    deaf.publish("hall/demo/req/kiosk-06", encode_request("lost-1", "ticket.issue", {"matter": "re-transfer"}))
    deaf.stop()
    kiosk = client(broker.url, "kiosk-06")
    try:
        first = kiosk.request("ticket.issue", {"matter": "re-transfer"}, request_id="lost-1")
        assert first.ok and first.result["ticket"]["number"] == "B001"
        second = kiosk.request("ticket.issue", {"matter": "re-transfer"})
        assert second.result["ticket"]["number"] == "B002"
    finally:
        kiosk.stop()


def test_kill_9_restarts_into_the_same_state_with_the_same_answers(broker, server, bus, tmp_path):
    kiosk, win = bus("kiosk-01"), bus("win-01")
    issued = [kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id=f"k-{i}") for i in range(5)]
    win.request("window.open")
    called = win.request("call.next", request_id="call-1")
    assert called.result["ticket"]["number"] == "A001"
    server.kill9()
    server.start(wait_client=kiosk)
    again = kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id="k-3")
    assert again.result == issued[3].result  # same id, same answer, after the crash
    assert win.request("call.next", request_id="call-1").result == called.result
    cur = win.request("window.current").result
    assert cur["window"]["status"] == "open" and cur["ticket"]["number"] == "A001"
    win.request("ticket.finish")
    assert win.request("call.next").result["ticket"]["number"] == "A002"
    assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).result["ticket"]["number"] == "A006"


def test_burst_of_1000_requests_each_answered_once(broker, server, tmp_path):
    raw = RawDevice(broker.url, "kiosk-07")
    try:
        for i in range(1000):
            raw.send(encode_request(f"b-{i}", "ticket.issue", {"matter": "pension-certify"}))
        answers = raw.responses(1000, timeout=30)
    finally:
        raw.stop()
    assert len(answers) == 1000
    assert {a["id"] for a in answers} == {f"b-{i}" for i in range(1000)}
    numbers = [a["result"]["ticket"]["number"] for a in answers]
    assert len(set(numbers)) == 1000
    db = sqlite3.connect(server.db)
    assert db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1000


def test_two_windows_calling_at_once_never_get_the_same_ticket(server, bus):
    kiosk = bus("kiosk-01")
    answered = threading.Semaphore(0)
    for _ in range(60):
        kiosk.request_async("ticket.issue", {"matter": "hukou-transfer"}, lambda r: answered.release())
    for _ in range(60):
        assert answered.acquire(timeout=10)
    windows = [bus(f"win-0{i}") for i in (1, 2, 3)]
    got: dict[str, list[str]] = {w.device: [] for w in windows}

    def work(w):
        w.request("window.open")
        while True:
            r = w.request("call.next")
            if r.result["ticket"] is None:
                return
            got[w.device].append(r.result["ticket"]["number"])
            w.request("ticket.finish")

    threads = [threading.Thread(target=work, args=(w,)) for w in windows]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    everything = [n for numbers in got.values() for n in numbers]
    assert len(everything) == 60 and len(set(everything)) == 60
    assert all(got.values()), json.dumps(got)  # each window took part
