"""'Tell me when' end to end: the page's form, the sealed phone, the SMS twin on a real socket,
one 'N ahead' and one 'called' text across kill -9 of the queue server, then the number erased."""

from __future__ import annotations

import sqlite3
import time

import httpx

from tests.support.server import ServerProcess, client
from tests.support.web import WebProcess
from tests.web.conftest import csrf_of

PHONE = "13800138000"


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def wait_for(cond, timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_near_and_called_texts_once_each_across_kill9(broker, tmp_path, sms_hall):
    twin, hall = sms_hall
    db = tmp_path / "hall.db"
    server = ServerProcess(broker.url, db, hall=str(hall))
    kiosk, win = client(broker.url, "kiosk-01"), client(broker.url, "win-09")
    web = WebProcess(broker.url, tmp_path / "web.log", hall=str(hall))
    try:
        server.start(wait_client=kiosk)
        web.start()
        tickets = [ok(kiosk.request("ticket.issue", {"matter": "hpf-deposit-cert"}))["ticket"] for _ in range(4)]
        mine = tickets[3]
        page = httpx.get(f"{web.url}/t/{mine['ref']}")
        form = {"csrf": csrf_of(page.text), "phone": "138 0013 8000", "at_ahead": "2"}
        bad = httpx.post(f"{web.url}/t/{mine['ref']}/alert", data={**form, "phone": "12345"})
        assert bad.status_code == 400 and "请输入 11 位手机号码" in bad.text and 'href="#alert-phone"' in bad.text
        forged = httpx.post(f"{web.url}/t/{mine['ref']}/alert", data={**form, "csrf": "1.abc"})
        assert forged.status_code == 400 and "页面已过期" in forged.text
        done = httpx.post(f"{web.url}/t/{mine['ref']}/alert", data=form)
        assert done.status_code == 303
        assert "前面还有 2 人时和叫号时各发一条短信" in httpx.get(f"{web.url}{done.headers['location']}").text
        stored = sqlite3.connect(db).execute("SELECT phone_sealed FROM alerts").fetchall()
        assert len(stored) == 1 and PHONE not in stored[0][0]  # sealed at rest

        ok(win.request("window.open"))
        ok(win.request("call.next"))  # 2 ahead now: the 'near' text is due
        wait_for(lambda: len(twin.messages) == 1, what="near text")
        server.kill9()  # maybe before its sent mark was committed: the resend carries the same id
        server.start(wait_client=kiosk)
        ok(win.request("ticket.finish"))
        for _ in range(2):
            ok(win.request("call.next"))
            ok(win.request("ticket.finish"))
        assert ok(win.request("call.next"))["ticket"]["number"] == mine["number"]
        wait_for(lambda: len(twin.messages) == 2, what="called text")
        server.kill9()
        server.start(wait_client=kiosk)
        ok(win.request("ticket.finish"))
        wait_for(lambda: not sqlite3.connect(db).execute("SELECT 1 FROM alerts").fetchall(), what="erasure")

        ids = [m["id"] for m in twin.messages]
        assert ids == [f"{mine['id']}:near", f"{mine['id']}:called"]
        assert all(m["to"] == PHONE for m in twin.messages)
        assert "前面还有 2 人" in twin.messages[0]["text"] and "2 ahead" in twin.messages[0]["text"]
        assert "9号窗口" in twin.messages[1]["text"] and "Window 9" in twin.messages[1]["text"]
        for log in (server.log, web.log):
            assert PHONE not in log.read_text()
    finally:
        web.stop()
        server.stop()
        kiosk.stop()
        win.stop()
