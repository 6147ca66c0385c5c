"""A remote ticket: matter found by pinyin initials, phone verified by a six-digit text through the
SMS twin, passed over while not checked in (told by one text), checked in by a kiosk's scan of the
page's URL, then called at the head of its group."""

from __future__ import annotations

import re
import time

import httpx

from kiosk.ticket_code import parse_ticket_code
from tests.support.server import ServerProcess, client
from tests.support.web import WebProcess
from tests.web.conftest import csrf_of

PHONE = "13912345678"


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def wait_for(cond, timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def take_remote(web: WebProcess, twin, matter: str) -> httpx.Response:
    form = httpx.get(f"{web.url}/remote/{matter}")
    before = len(twin.messages)
    sent = httpx.post(f"{web.url}/remote/{matter}/code", data={"csrf": csrf_of(form.text), "phone": PHONE})
    assert sent.status_code == 200 and PHONE not in sent.text, sent.text[-800:]
    wait_for(lambda: len(twin.messages) > before, what="code text")
    code = re.search(r"\b(\d{6})\b", twin.messages[-1]["text"]).group(1)
    sealed = re.search(r'name="sealed" value="([^"]+)"', sent.text).group(1)
    wrong = httpx.post(f"{web.url}/remote/{matter}/ticket",
                       data={"csrf": csrf_of(sent.text), "sealed": sealed, "code": f"{(int(code) + 1) % 10**6:06d}"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.text
    return httpx.post(f"{web.url}/remote/{matter}/ticket",
                      data={"csrf": csrf_of(sent.text), "sealed": sealed, "code": code})


def test_remote_ticket_checks_in_at_a_kiosk_before_it_is_called(broker, tmp_path, sms_hall):
    twin, hall = sms_hall
    server = ServerProcess(broker.url, tmp_path / "hall.db", hall=str(hall))
    kiosk, win = client(broker.url, "kiosk-02"), client(broker.url, "win-09")
    web = WebProcess(broker.url, tmp_path / "web.log", hall=str(hall))
    try:
        server.start(wait_client=kiosk)
        web.start()
        found = httpx.get(f"{web.url}/remote", params={"q": "gjj"})  # 公积金: pinyin initials
        assert "/remote/hpf-deposit-cert" in found.text and "/remote/hukou-transfer" not in found.text
        done = take_remote(web, twin, "hpf-deposit-cert")
        assert done.status_code == 303, done.text[-600:]
        url = done.headers["location"]
        page = httpx.get(f"{web.url}{url}")
        assert "扫描下方二维码签到" in page.text
        ref = url.split("/t/")[1].split("?")[0]
        walk_in = ok(kiosk.request("ticket.issue", {"matter": "hpf-deposit-cert"}))["ticket"]

        ok(win.request("window.open"))
        called = ok(win.request("call.next"))["ticket"]
        assert called["number"] == walk_in["number"]  # the remote ticket, first in line, was passed over
        wait_for(lambda: any(m["id"].endswith(":passed") for m in twin.messages), what="passed-over text")
        assert "暂被跳过" in httpx.get(f"{web.url}/t/{ref}").text
        ok(win.request("ticket.finish"))

        code = parse_ticket_code(f"{web.url}/t/{ref}", "demo")  # what the kiosk's scanner reads off the page
        assert code is not None and code.ref == ref
        checked = ok(kiosk.request("ticket.check_in", {"ref": code.ref}))
        assert checked["ticket"]["checked_in"] is True and checked["ahead"] == 0
        assert ok(win.request("call.next"))["ticket"]["ref"] == ref
        wait_for(lambda: any(m["id"].endswith(":called") for m in twin.messages), what="called text")

        again = take_remote(web, twin, "hpf-withdraw-rent")  # same phone, same group, same day
        assert again.status_code == 400 and "今天已在此业务手机取过号" in again.text
    finally:
        web.stop()
        server.stop()
        kiosk.stop()
        win.stop()
