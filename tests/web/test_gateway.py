"""`hallq web` as real processes on a real broker with the real queue server."""

from __future__ import annotations

import json
import re
import statistics
import time

import httpx


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def sse_until(url: str, done, timeout: float = 10.0) -> list[dict]:
    got: list[dict] = []
    with httpx.stream("GET", url, timeout=timeout) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        deadline = time.monotonic() + timeout
        for line in r.iter_lines():
            if line.startswith("data: "):
                got.append(json.loads(line[6:]))
                if done(got[-1]):
                    return got
            assert time.monotonic() < deadline, got
    return got


def test_two_gateways_serve_one_ticket_and_push_the_call(web_hall, bus):
    w1 = web_hall()
    w2 = web_hall()
    kiosk, win = bus("kiosk-01"), bus("win-09")
    refs = [ok(kiosk.request("ticket.issue", {"matter": "hpf-deposit-cert"}))["ticket"] for _ in range(2)]
    mine = refs[1]
    assert mine["url"] == f"{w1.url}/t/{mine['ref']}"
    for w in (w1, w2):
        page = httpx.get(f"{w.url}/t/{mine['ref']}")
        assert page.status_code == 200 and mine["number"] in page.text and "前面还有 1 人" in page.text
        assert "<script>" not in page.text  # no inline script: the CSP would refuse it
    ok(win.request("window.open"))
    ok(win.request("call.next"))  # the first ticket: mine moves up
    seen = sse_until(f"{w2.url}/t/{mine['ref']}/events?lang=en", lambda v: v["ahead_text"] == "You are next")
    assert seen[-1]["number"] == mine["number"]
    ok(win.request("ticket.finish"))
    ok(win.request("call.next"))
    seen = sse_until(f"{w1.url}/t/{mine['ref']}/events?lang=en", lambda v: v["called"])
    assert seen[-1]["short"] == "called, Window 9" and seen[-1]["window_text"] == "Window 9"
    assert httpx.get(f"{w2.url}/t/{mine['ref']}/json").json()["status"] == "called"


def test_wrong_or_altered_ref_is_a_plain_404_in_the_same_time(web_hall, bus):
    w = web_hall()
    ref = ok(bus("kiosk-01").request("ticket.issue", {"matter": "biz-seal"}))["ticket"]["ref"]
    altered = ref[:-1] + ("a" if ref[-1] != "a" else "b")
    pages = {u: httpx.get(f"{w.url}/t/{u}") for u in (altered, ref.split(".")[0], "x" * 300, "A001")}
    assert {p.status_code for p in pages.values()} == {404}
    assert len({re.sub(r"\s+", " ", p.text) for p in pages.values()}) == 1  # one page, no hint
    assert httpx.get(f"{w.url}/t/{altered}/events").status_code == 404

    def median(u: str) -> float:
        times = []
        for _ in range(15):
            t0 = time.perf_counter()
            httpx.get(f"{w.url}/t/{u}/json")
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    right, wrong = median(ref), median(altered)
    # both ask the server, which always computes and compares the mac: no shortcut for a wrong ref
    assert wrong > right * 0.5, (right, wrong)


def test_hall_page_and_security_headers(web_hall):
    w = web_hall()
    r = httpx.get(f"{w.url}/?lang=en")
    assert r.status_code == 200 and "Comprehensive acceptance" in r.text and "No window open" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["referrer-policy"] == "no-referrer" and r.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(f"{w.url}/static/ticket.js").status_code == 200
    assert httpx.get(f"{w.url}/hall.json").json()["groups"][0]["group"] == "综合受理"
    assert httpx.post(f"{w.url}/", content=b"x" * 20000).status_code == 413
