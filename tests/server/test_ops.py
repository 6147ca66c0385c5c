"""Every operation of the contract over the real bus, and the retained state it publishes."""

from __future__ import annotations

import json
import queue
import time
from datetime import datetime, timedelta

from hallcore import appointments
from hallcore.hallfile import load_hall

DEMO = load_hall("demo")


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def test_window_life_and_ticket_ops(server, bus):
    kiosk, win, win2 = bus("kiosk-01"), bus("win-01"), bus("win-08")
    t = ok(kiosk.request("ticket.issue", {"matter": "hukou-transfer", "priority": "elderly",
                                          "citizen": {"key": "c0ffee" * 10 + "c0ff", "name_masked": "张*三"}}))
    assert t["ticket"]["priority"] == "elderly" and t["ticket"]["status"] == "waiting"
    assert ok(win.request("window.open"))["window"]["status"] == "open"
    assert ok(win.request("window.pause"))["window"]["status"] == "paused"
    assert win.request("call.next").error_code == "window_closed"
    ok(win.request("window.open"))
    called = ok(win.request("call.next"))["ticket"]
    assert called["number"] == "A001" and called["window"] == "win-01" and called["name_masked"] == "张*三"
    assert ok(win.request("call.recall"))["ticket"]["recalls"] == 1
    assert ok(win.request("ticket.serve"))["ticket"]["status"] == "serving"
    cur = ok(win.request("window.current"))
    assert cur["ticket"]["number"] == "A001" and cur["window"]["ticket"] == "A001"
    moved = ok(win.request("ticket.transfer", {"to_group": "real_estate", "note": "property"}))["ticket"]
    assert moved["status"] == "transferred" and moved["group"] == "real_estate"
    ok(win2.request("window.open"))
    assert ok(win2.request("call.next"))["ticket"]["number"] == "A001"
    assert ok(win2.request("ticket.finish", {"outcome": "accepted"}))["ticket"]["status"] == "done"
    assert ok(win.request("call.next"))["ticket"] is None
    assert ok(win.request("window.close"))["window"]["status"] == "closed"
    status = ok(kiosk.request("ticket.status", {"ticket": "A001"}))
    assert status["ticket"]["status"] == "done" and status["ahead"] == 0


def test_call_number_and_no_show(server, bus):
    kiosk, win = bus("kiosk-01"), bus("win-02")
    for _ in range(3):
        ok(kiosk.request("ticket.issue", {"matter": "pension-certify"}))
    ok(win.request("window.open"))
    assert ok(win.request("call.number", {"number": "A003"}))["ticket"]["number"] == "A003"
    assert ok(win.request("ticket.no_show"))["ticket"]["status"] == "no_show"
    assert win.request("call.number", {"number": "Z001"}).error_code == "unknown_ticket"
    assert ok(win.request("call.next"))["ticket"]["number"] == "A001"


def test_ahead_and_estimated_wait_grow(server, bus):
    kiosk = bus("kiosk-03")
    ok(bus("win-01").request("window.open"))  # with no window open there is no estimate (test_rules_status)
    results = [ok(kiosk.request("ticket.issue", {"matter": "hukou-transfer"})) for _ in range(3)]
    assert [r["ahead"] for r in results] == [0, 1, 2]
    assert results[2]["est_wait_s"] > results[1]["est_wait_s"] > 0


def test_manager_reassigns_and_opens_windows(server, bus):
    mgr, win, kiosk = bus("mgr-01"), bus("win-01"), bus("kiosk-01")
    b = ok(kiosk.request("ticket.issue", {"matter": "re-mortgage"}))["ticket"]
    assert ok(mgr.request("window.open", {"window": "win-01"}))["window"]["status"] == "open"
    assert ok(win.request("call.next"))["ticket"] is None  # win-01 serves comprehensive only
    w = ok(mgr.request("window.assign", {"window": "win-01", "groups": ["real_estate"]}))["window"]
    assert w["groups"] == ["real_estate"]
    assert ok(win.request("call.next"))["ticket"]["number"] == b["number"]
    assert mgr.request("window.assign", {"window": "win-77", "groups": ["pickup"]}).error_code == "unknown_window"
    assert mgr.request("window.assign", {"window": "win-01", "groups": ["x"]}).error_code == "unknown_group"
    assert mgr.request("window.open").error_code == "bad_request"


def test_report_evaluation_and_follow_up(server, bus):
    kiosk, win, ev, mgr = bus("kiosk-01"), bus("win-05"), bus("eval-05"), bus("mgr-01")
    ok(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
    ok(win.request("window.open"))
    ok(win.request("call.next"))
    assert ev.request("evaluation.submit", {"ticket": "A001", "score": 5}).error_code == "invalid_state"
    ok(win.request("ticket.finish"))
    assert ev.request("evaluation.submit", {"ticket": "A001", "score": 9}).error_code == "bad_request"
    e = ok(ev.request("evaluation.submit", {"ticket": "A001", "score": 1, "reasons": ["long_wait"]}))
    assert e["evaluation"]["window"] == "win-05" and e["evaluation"]["score"] == 1
    assert ev.request("evaluation.submit", {"ticket": "A001", "score": 5}).error_code == "already_evaluated"
    assert bus("eval-06").request("evaluation.submit", {"ticket": "A001", "score": 5}).error_code == "invalid_state"
    report = ok(mgr.request("hall.report"))
    assert report["totals"]["issued"] == 1 and report["totals"]["served"] == 1
    assert report["totals"]["bad_ratings"] == 1 and report["windows"]["win-05"]["served"] == 1
    assert report["groups"]["comprehensive"]["wait_p90_s"] is not None
    bad = ok(mgr.request("evaluation.list"))["evaluations"]
    assert [b["number"] for b in bad] == ["A001"]
    done = ok(mgr.request("evaluation.follow_up", {"ticket": "A001", "window": "win-05", "note": "called back"}))
    assert done["evaluation"]["follow_up"] == "called back"
    assert mgr.request("hall.report", {"date": "yesterday"}).error_code == "bad_request"
    assert ok(mgr.request("hall.report", {"date": "2020-01-01"}))["totals"]["issued"] == 0


def test_appointments_over_the_bus(server, bus):
    kiosk = bus("kiosk-01")
    slot = datetime.now(tz=__import__("zoneinfo").ZoneInfo("Asia/Shanghai")) + timedelta(minutes=10)
    code = appointments.issue(DEMO.appointment_key, "demo", "re-transfer", slot)
    t = ok(kiosk.request("ticket.issue", {"matter": "re-transfer", "appointment": code}))
    assert t["ticket"]["priority"] == "appointment"
    again = kiosk.request("ticket.issue", {"matter": "re-transfer", "appointment": code})
    assert again.error_code == "appointment_used"
    forged = appointments.issue(b"forged", "demo", "re-transfer", slot)
    assert kiosk.request("ticket.issue", {"matter": "re-transfer", "appointment": forged}).error_code \
        == "appointment_invalid"
    key = "ab" * 32
    for _ in range(DEMO.policy.tickets_per_citizen_matter_day):
        ok(kiosk.request("ticket.issue", {"matter": "biz-seal", "citizen": {"key": key, "name_masked": "李*"}}))
    assert kiosk.request("ticket.issue", {"matter": "biz-seal", "citizen": {"key": key}}).error_code \
        == "limit_reached"


def test_retained_state_and_call_events(server, bus):
    display = bus("display-main")
    got: queue.Queue[tuple[str, dict]] = queue.Queue()
    display.subscribe("hall/demo/state/#", lambda t, p: got.put((t, json.loads(p))))
    display.subscribe("hall/demo/event/call", lambda t, p: got.put((t, json.loads(p))))
    kiosk, win = bus("kiosk-01"), bus("win-05")
    ok(kiosk.request("ticket.issue", {"matter": "hukou-transfer"}))
    ok(win.request("window.open"))
    ok(win.request("call.next"))
    ok(win.request("call.recall"))
    seen: dict[str, list[dict]] = {}
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(seen.get("hall/demo/event/call", [])) < 2:
        try:
            topic, body = got.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.setdefault(topic, []).append(body)
    calls = seen["hall/demo/event/call"]
    assert calls[0] == {**calls[0], "ticket": "A001", "window": "win-05", "recall": False}
    assert calls[0]["window_label"] == {"zh": "5号窗口", "en": "Window 5"}
    assert calls[1]["recall"] is True
    time.sleep(0.3)
    while not got.empty():
        topic, body = got.get()
        seen.setdefault(topic, []).append(body)
    catalog = seen["hall/demo/state/catalog"][-1]
    assert len(catalog["matters"]) >= 40 and {"code", "name", "group"} <= set(catalog["matters"][0])
    windows = {w["id"]: w for w in seen["hall/demo/state/windows"][-1]["windows"]}
    assert windows["win-05"]["status"] == "open" and windows["win-05"]["ticket"] == "A001"
    assert seen["hall/demo/state/calls"][-1]["calls"][0]["ticket"] == "A001"
    queues = {g["group"]: g for g in seen["hall/demo/state/queues"][-1]["groups"]}
    assert queues["comprehensive"]["waiting"] == 0
