"""The phone gateway's defences, in process (httpx.ASGITransport) against a hand-written fake of the
queue server's answers: CSRF, rate limits, body limits, CSP on every answer, no personal data,
and a hypothesis fuzz run over every route that must never get a 5xx or a reflected script."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallbus.envelope import Response
from webgate import csrf
from webgate.app import WebSettings, create_app
from webgate.hub import Hub

REF = "20261202-A001.abcdefghijkmnop2"
KEY = b"k" * 32
TICKET = {"ticket": {"id": "20261202-A001", "number": "A001", "matter": "hukou-transfer", "group": "comprehensive",
                     "status": "waiting", "window": None, "recalls": 0, "ref": REF, "name_masked": "张*三"},
          "ahead": 2, "est_wait_s": 900}


class FakeServer:
    """Answers like the queue server would, at once, on the caller's thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def subscribe(self, topic: str, handler: Any) -> None:
        pass

    def request_async(self, op: str, args: dict[str, Any] | None = None, callback: Any = None,
                      timeout: float = 10.0, request_id: str | None = None) -> str:
        args = args or {}
        self.calls.append((op, args))
        if args.get("ref") != REF:
            resp = Response("r", False, None, "unknown_ticket", "no such ticket")
        elif op == "alert.subscribe":
            resp = Response("r", True, {"subscription": {"ticket": "A001", "at_ahead": args["at_ahead"]}}, None, None)
        else:
            resp = Response("r", True, TICKET, None, None)
        callback(resp)
        return "r"


def make(rate: float = 1000.0, burst: float = 1000.0) -> tuple[httpx.AsyncClient, FakeServer]:
    fake = FakeServer()
    hub = Hub(fake, "state/#", "event/ticket")
    hub.attach(asyncio.get_event_loop_policy().get_event_loop())
    app = create_app(hub, WebSettings(rate=rate, burst=burst, hall_id="demo", csrf_key=KEY, seal_key=b"s" * 32))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver"), fake


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_forms_need_a_valid_csrf_token_and_refuse_without_asking_the_server():
    async def go() -> None:
        c, fake = make()
        async with c:
            for token in ("", "1.abc", csrf.token(b"other key", REF, time.time()),
                          csrf.token(KEY, "20261202-A002.abcdefghijkmnop2", time.time()),
                          csrf.token(KEY, REF, time.time() - 3 * 3600)):
                r = await c.post(f"/t/{REF}/alert", data={"csrf": token, "phone": "13800138000", "at_ahead": "3"})
                assert r.status_code == 400 and "页面已过期" in r.text
            assert not [op for op, _ in fake.calls if op == "alert.subscribe"]
            good = csrf.token(KEY, REF, time.time())
            r = await c.post(f"/t/{REF}/alert", data={"csrf": good, "phone": "13800138000", "at_ahead": "3"})
            assert r.status_code == 303
            [(_, args)] = [(op, a) for op, a in fake.calls if op == "alert.subscribe"]
            assert args["phone"].startswith("PS1.") and "13800138000" not in args["phone"]  # sealed
    run(go())


def test_validation_messages_and_no_personal_data_on_the_page():
    async def go() -> None:
        c, _ = make()
        async with c:
            page = await c.get(f"/t/{REF}")
            assert "张*三" not in page.text  # a name never reaches a phone page, even if a server sent one
            token = csrf.token(KEY, REF, time.time())
            r = await c.post(f"/t/{REF}/alert", data={"csrf": token, "phone": "13912345678x", "at_ahead": "11"})
            assert r.status_code == 400
            assert "请输入 11 位手机号码" in r.text and "请选择 1 到 10 人" in r.text
            assert "13912345678" not in r.text  # the number typed is not shown back
            r = await c.post(f"/t/{REF}/rate?lang=en", data={"csrf": token, "score": "1"})
            assert r.status_code == 400 and "Choose at least one reason" in r.text
    run(go())


def test_rate_limit_per_address_and_per_phone():
    async def go() -> None:
        c, fake = make(rate=0.001, burst=5)
        async with c:
            codes = [(await c.get("/")).status_code for _ in range(8)]
            assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3
            assert (await c.get("/static/site.css")).status_code == 200  # static files are not counted
        c, fake = make()
        async with c:
            token = csrf.token(KEY, REF, time.time())
            codes = [(await c.post(f"/t/{REF}/alert", data={"csrf": token, "phone": "13800138000",
                                                              "at_ahead": "3"})).status_code for _ in range(5)]
            assert codes == [303, 303, 303, 400, 400]  # three a phone, then one each ten minutes
    run(go())


def test_request_size_limit():
    async def go() -> None:
        c, fake = make()
        async with c:
            assert (await c.post(f"/t/{REF}/alert", content=b"a" * 9000)).status_code == 413

            async def chunks():  # no content-length: counted as it arrives
                for _ in range(10):
                    yield b"a" * 1000

            assert (await c.post(f"/t/{REF}/alert", content=chunks())).status_code == 413
            assert not [op for op, _ in fake.calls if op == "alert.subscribe"]
    run(go())


ROUTES = ["/", "/hall.json", "/healthz", "/t/{r}", "/t/{r}/json", "/t/{r}/events", "/t/{r}/alert", "/t/{r}/rate",
          "/static/{r}", "/{r}"]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), ref=st.one_of(text, st.just(REF[:-1] + "x"), st.just("<script>x</script>")),
       method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]),
       lang=st.one_of(st.none(), text), body=st.binary(max_size=2000),
       ctype=st.sampled_from(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]))
def test_fuzz_every_route(route, ref, method, lang, body, ctype):
    from urllib.parse import quote

    path = route.replace("{r}", quote(ref, safe=""))
    params = {"lang": lang} if lang is not None else {}

    async def go() -> None:
        c, _ = make()
        async with c:
            r = await c.request(method, path, params=params, content=body if method in ("POST", "PUT") else None,
                                headers={"content-type": ctype})
            assert r.status_code < 500, (path, r.status_code, r.text[:300])
            assert "script-src 'self'" in r.headers.get("content-security-policy", "")
            assert "<script>x</script>" not in r.text
    run(go())
