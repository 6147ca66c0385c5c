"""The city's staff page: every hall at once, from the city broker, behind a login.

    GET  /staff/login           the login form (CSRF token bound to a nonce cookie of this browser)
    POST /staff/login           name and password: a signed session cookie, then /city
    POST /staff/logout          ends the session (CSRF token bound to the session)
    GET  /city                  one row per hall (JSON twin /city.json), live by /city/events (SSE)

Without a session /city redirects to the login and its twins answer 401. Citizens' pages do not
know any of this exists.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from hallbus import errors as E
from hallbus.city_state import BRIDGE_DOWN, SERVER_DOWN, STALE, UNKNOWN, UP
from webgate import csrf, forms, texts
from webgate.city_hub import CityHub
from webgate.security import Buckets, client_address
from webgate.staff import COOKIE, Sessions, StaffFile

HERE = Path(__file__).parent
NONCE = "hallq_login"
KEEPALIVE_S = 15.0
REDRAW_S = 5.0  # a hall goes stale by time alone: redraw now and then even without news
CITY_TEXTS: dict[str, tuple[str, str]] = {
    "city_title": ("全市大厅现况", "Every hall now"),
    "login_title": ("工作人员登录", "Staff login"),
    "user": ("用户名", "Name"),
    "password": ("密码", "Password"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "bad_login": ("用户名或密码不正确", "Wrong name or password"),
    "slow_down": ("尝试次数过多，请稍后再试", "Too many tries: please wait a minute"),
    "hall": ("大厅", "Hall"),
    "waiting": ("等候", "Waiting"),
    "longest": ("最长等候", "Longest wait"),
    "windows": ("开放窗口", "Windows open"),
    "service": ("服务水平", "Service level"),
    "alerts": ("提醒", "Alerts"),
    "state": ("状态", "State"),
    "st_" + UP: ("正常", "Up"),
    "st_" + SERVER_DOWN: ("服务器已停止", "Server down"),
    "st_" + BRIDGE_DOWN: ("与市平台的连接中断", "Bridge to the city down"),
    "st_" + STALE: ("{age} 秒无更新", "No news for {age} s"),
    "st_" + UNKNOWN: ("尚无数据", "No state yet"),
    "within": ("在 {m} 分钟目标内", "within the {m} min target"),
    "past": ("超过 {m} 分钟目标", "past the {m} min target"),
    "minutes": ("{m} 分钟", "{m} min"),
    "no_halls": ("市平台上还没有任何大厅的数据", "No hall has reached the city broker yet"),
    "city_down": ("与市平台的连接中断，数据可能过时", "Not connected to the city broker: figures may be old"),
    "as_of": ("截至 {t}（无需刷新）", "As of {t} (updates by itself)"),
}


def ct(key: str, lang: str, **kw: object) -> str:
    zh, en = CITY_TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**kw) if kw else text


def city_view(raw: dict[str, Any], lang: str) -> dict[str, Any]:
    """The page's words for the hub's figures; the same dict first paints and then streams."""
    rows = []
    for r in raw["halls"]:
        down = r["status"] in (SERVER_DOWN, BRIDGE_DOWN)
        m = round(r["target_s"] / 60)
        name = (r["name"].get("en") if lang == "en" else r["name"].get("zh")) or r["hall"]
        rows.append({
            "hall": r["hall"], "name": name, "status": r["status"],
            "status_text": ct("st_" + r["status"], lang, age=r["age_s"]),
            "waiting": str(r["waiting"]), "longest": ct("minutes", lang, m=round(r["longest_wait_s"] / 60)),
            "windows": f"{r['windows_open']} / {r['windows']}",
            "service": ct("within" if r["within_target"] else "past", lang, m=m),
            "service_ok": r["within_target"], "down": down,
            "alerts": [{"level": a["level"], "text": (a["text"].get("en") if lang == "en" else a["text"].get("zh"))
                        or a["code"]} for a in r["alerts"]],
        })
    return {"connected": raw["connected"], "halls": rows,
            "note": "" if raw["connected"] else ct("city_down", lang),
            "as_of": ct("as_of", lang, t=time.strftime("%H:%M:%S")), "empty": ct("no_halls", lang)}


@dataclass
class CitySettings:
    hub: CityHub
    staff: StaffFile
    key: bytes = field(repr=False)  # signs sessions and CSRF tokens
    secure_cookie: bool = False  # set behind HTTPS (the public URL says)
    trust_proxy: bool = False
    by_address: Buckets = field(default_factory=lambda: Buckets(1 / 60, 5.0))  # 5 tries, then one a minute
    by_name: Buckets = field(default_factory=lambda: Buckets(1 / 60, 10.0))


def city_routes(cfg: CitySettings) -> list[BaseRoute]:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(t=texts.t, ct=ct)
    sessions = Sessions(cfg.key, cfg.staff)

    def lang_of(request: Request) -> str:
        return texts.lang_of(request.query_params.get("lang"))

    def page(request: Request, template: str, status: int = 200, **ctx: Any) -> Response:
        lang = lang_of(request)
        return templates.TemplateResponse(request, template, {"lang": lang, "other": "en" if lang == "zh" else "zh",
                                                          "hall_name": ct("city_title", lang), **ctx},
                                          status_code=status)

    def cookie(resp: Response, name: str, value: str, max_age: int) -> None:
        resp.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=cfg.secure_cookie)

    def session(request: Request) -> tuple[str, str] | None:
        return sessions.read(request.cookies.get(COOKIE))

    def login_form(request: Request, status: int = 200, error: str = "", name: str = "") -> Response:
        nonce = request.cookies.get(NONCE) or ""
        fresh = len(nonce) != 32
        if fresh:
            nonce = secrets.token_hex(16)
        resp = page(request, "staff_login.html", status, csrf=csrf.token(cfg.key, f"login:{nonce}", time.time()),
                    error=error, name=name)
        if fresh:
            cookie(resp, NONCE, nonce, 2 * csrf.PERIOD_S)
        return resp

    async def login_get(request: Request) -> Response:
        if session(request) is not None:
            return RedirectResponse(f"/city?lang={lang_of(request)}", 303)
        return login_form(request)

    async def login_post(request: Request) -> Response:
        lang = lang_of(request)
        f = forms.parse(await request.body())
        nonce = request.cookies.get(NONCE) or ""
        if not csrf.valid(cfg.key, f"login:{nonce}", f.one("csrf"), time.time()):
            return login_form(request, 400, forms.ft("err_csrf", lang))
        name, password = f.one("name").strip()[:64], f.values.get("password", [""])[0][:200]
        if not (cfg.by_address.allow(client_address(request.scope, cfg.trust_proxy)) and cfg.by_name.allow(name)):
            return login_form(request, 429, ct("slow_down", lang), name)
        if not await asyncio.to_thread(cfg.staff.current().verify, name, password):  # scrypt: off the loop
            return login_form(request, 401, ct("bad_login", lang), name)
        resp = RedirectResponse(f"/city?lang={lang}", 303)
        cookie(resp, COOKIE, sessions.issue(name), sessions.max_age_s)
        return resp

    async def logout(request: Request) -> Response:
        s = session(request)
        f = forms.parse(await request.body())
        if s is not None and not csrf.valid(cfg.key, f"logout:{s[1]}", f.one("csrf"), time.time()):
            return JSONResponse({"error": E.BAD_REQUEST}, 400)
        resp = RedirectResponse(f"/staff/login?lang={lang_of(request)}", 303)
        resp.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=cfg.secure_cookie)
        return resp

    async def city(request: Request) -> Response:
        s = session(request)
        if s is None:
            return RedirectResponse(f"/staff/login?lang={lang_of(request)}", 303)
        return page(request, "city.html", v=city_view(cfg.hub.view(), lang_of(request)), user=s[0],
                    csrf=csrf.token(cfg.key, f"logout:{s[1]}", time.time()))

    async def city_json(request: Request) -> Response:
        if session(request) is None:
            return JSONResponse({"error": "not_logged_in"}, 401)
        return JSONResponse(cfg.hub.view())

    async def events(request: Request) -> Response:
        if session(request) is None:
            return JSONResponse({"error": "not_logged_in"}, 401)
        if cfg.hub.pages >= cfg.hub.max_pages:
            return JSONResponse({"error": E.RATE_LIMITED}, 429)
        lang = lang_of(request)

        async def stream() -> AsyncIterator[str]:
            cfg.hub.pages += 1
            try:
                async for text in frames():
                    yield text
            finally:
                cfg.hub.pages -= 1

        async def frames() -> AsyncIterator[str]:
            last: dict[str, Any] | None = None
            quiet = 0.0
            yield "retry: 2000\n\n"  # EventSource reconnects by itself after this long
            while True:
                version = cfg.hub.version
                v = city_view(cfg.hub.view(), lang)
                if v != last:  # "as of" moves too: a page redrawn every REDRAW_S shows it is alive
                    yield f"data: {json.dumps(v, ensure_ascii=False)}\n\n"
                    last, quiet = v, 0.0
                elif quiet >= KEEPALIVE_S:
                    yield ": keepalive\n\n"  # proxies close a silent connection
                    quiet = 0.0
                started = time.monotonic()
                await cfg.hub.wait(version, REDRAW_S)
                quiet += time.monotonic() - started
                if session(request) is None:  # the session expired while the page stayed open
                    return

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"cache-control": "no-store", "x-accel-buffering": "no"})

    return [Route("/staff/login", login_get), Route("/staff/login", login_post, methods=["POST"]),
            Route("/staff/logout", logout, methods=["POST"]),
            Route("/city", city), Route("/city.json", city_json), Route("/city/events", events)]
