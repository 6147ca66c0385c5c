"""Server side of the phone (PROTOCOL 1.1): refs, ticket.lookup, event/ticket, rating by ref."""

from __future__ import annotations

import json
import queue
import time

from hallbus.mqtt import BrokerSpec, Connection
from hallcore.hallfile import load_hall
from hallcore.ticket_ref import check_ref, make_ref

DEMO = load_hall("demo")


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def test_ref_is_an_hmac_that_only_the_key_makes():
    key = DEMO.web.ref_key
    ref = make_ref(key, "demo", "20261202-B006")
    assert check_ref(key, "demo", ref) == "20261202-B006"
    body, mac = ref.split(".")
    assert len(mac) == 16  # 80 bits
    for bad in (f"{body}.{'a' * 16}", f"20261202-B007.{mac}", ref.upper(), ref + "a", "", None, 5, "x" * 500):
        assert check_ref(key, "demo", bad) is None
    assert check_ref(b"other", "demo", ref) is None and check_ref(key, "other-hall", ref) is None


def test_lookup_by_ref_and_wrong_refs_get_no_hint(server, bus):
    kiosk, web = bus("kiosk-01"), bus("web-01")
    issued = ok(kiosk.request("ticket.issue", {"matter": "hukou-transfer",
                                               "citizen": {"key": "ab" * 32, "name_masked": "张*"}}))
    ref = issued["ticket"]["ref"]
    assert ref and ref.startswith(issued["ticket"]["id"] + ".")
    found = ok(web.request("ticket.lookup", {"ref": ref}))
    assert found["ticket"]["number"] == issued["ticket"]["number"]
    assert "name_masked" not in found["ticket"]  # no personal data reaches the gateway
    assert found["est_wait_s"] is None  # no window is open for the group: no made-up number
    answers = set()
    for bad in (ref[:-1] + ("b" if ref[-1] != "b" else "c"), issued["ticket"]["id"], "A001", "x"):
        r = web.request("ticket.lookup", {"ref": bad})
        answers.add((r.error_code, r.error_message))
    assert answers == {("unknown_ticket", "no such ticket")}
    assert kiosk.request("ticket.lookup", {"ref": ref}).error_code == "not_allowed"
    assert web.request("ticket.status", {"ticket": "A001"}).error_code == "not_allowed"


def test_event_ticket_on_status_position_and_window(broker, server, bus):
    kiosk, win = bus("kiosk-01"), bus("win-09")
    events: queue.Queue[dict] = queue.Queue()
    conn = Connection(BrokerSpec.from_url(broker.url), "watch-events")
    conn.subscribe("hall/demo/event/ticket", lambda _t, p: events.put(json.loads(p)))
    conn.start(wait=10)
    time.sleep(0.2)
    try:
        refs = [ok(kiosk.request("ticket.issue", {"matter": "hpf-deposit-cert"}))["ticket"]["ref"] for _ in range(3)]
        ok(win.request("window.open"))
        ok(win.request("call.next"))
        seen: dict[str, list[tuple[str, int, str | None]]] = {r: [] for r in refs}
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not (seen[refs[0]] and seen[refs[0]][-1][0] == "called"
                                                   and seen[refs[2]] and seen[refs[2]][-1][1] == 1):
            try:
                e = events.get(timeout=0.2)
            except queue.Empty:
                continue
            t = e["ticket"]
            seen[t["ref"]].append((t["status"], e["ahead"], t["window"]))
        assert seen[refs[0]][-1] == ("called", 0, "win-09")
        assert seen[refs[2]][-1] == ("waiting", 1, None)
        assert [s for s in seen[refs[2]] if s[1] == 1] == [("waiting", 1, None)]  # once per change, not per batch
    finally:
        conn.stop()


def test_rating_by_ref_appears_in_the_report(server, bus):
    kiosk, win, web, mgr = bus("kiosk-01"), bus("win-11"), bus("web-01"), bus("mgr-01")
    ref = ok(kiosk.request("ticket.issue", {"matter": "biz-seal"}))["ticket"]["ref"]
    assert web.request("evaluation.submit", {"ref": ref, "score": 5}).error_code == "invalid_state"
    ok(win.request("window.open"))
    ok(win.request("call.next"))
    ok(win.request("ticket.finish"))
    ev = ok(web.request("evaluation.submit", {"ref": ref, "score": 2, "reasons": ["waited too long"]}))
    assert ev["evaluation"]["window"] == "win-11"
    assert web.request("evaluation.submit", {"ref": ref, "score": 4}).error_code == "already_evaluated"
    report = ok(mgr.request("hall.report"))
    assert report["windows"]["win-11"]["ratings"] == 1 and report["totals"]["bad_ratings"] == 1
