"""Remote tickets from the phone: pick a matter (search like the kiosk's), verify the phone by a
six-digit text, get a ticket that must check in at a kiosk before it can be called.

    GET  /remote?q=...                 matters of the groups the hall file opens to phones
    GET  /remote/<matter>              the phone number form
    POST /remote/<matter>/code         sends the code; the page keeps the number only sealed
    POST /remote/<matter>/ticket       checks the code, then ticket.remote_issue and a reminder

The code is an HMAC of the number, the matter and the ten minutes it was sent in, so any gateway
process can check it and none has to remember it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallbus import errors as E
from hallcore.phone import BadPhone, normalize, seal, unseal
from webgate import csrf, forms
from webgate.hub import Hub
from webgate.matter_catalog import allowed_catalog
from webgate.security import Buckets

CODE_PERIOD_S = 600
REMOTE_TEXTS: dict[str, tuple[str, str]] = {
    "remote_title": ("手机取号", "Take a ticket by phone"),
    "remote_intro": ("取号后请到大厅，在自助机扫描取号页面上的二维码签到，签到后才会叫号。",
                     "After taking a ticket, come to the hall and scan its page's code at a kiosk: you are called only once checked in."),
    "search": ("搜索事项（中文、拼音首字母或英文）", "Search a matter (Chinese, pinyin initials or English)"),
    "search_go": ("搜索", "Search"),
    "no_match": ("没有可手机取号的匹配事项", "No matching matter can be queued for by phone"),
    "send_code": ("发送验证码", "Send me a code"),
    "code": ("短信验证码（6 位数字）", "Code from the text (6 digits)"),
    "code_sent": ("验证码已发送，10 分钟内有效。", "A code was sent; it is good for 10 minutes."),
    "take": ("取号", "Take the ticket"),
    "err_code": ("验证码不正确或已过期", "The code is wrong or has expired"),
    "err_sms": ("短信暂时无法发送，请稍后再试", "No text can be sent right now: please try later"),
    "sms_code": ("【{hall}】您的手机取号验证码是 {code}，10 分钟内有效。", "{hall_en}: your code is {code}, good for 10 minutes."),
}
ISSUE_ERRORS: dict[str, tuple[str, str]] = {E.LIMIT_REACHED: ("您今天已在此业务手机取过号，或手机号已满", "You already took a phone ticket for this service today, or it is full"),
                E.TICKETS_CLOSED: ("现在不能手机取号（不在时段或已取完）", "Phone tickets are not taken now (outside hours or all taken)"),
                E.NOT_ALLOWED: ("此业务不能手机取号", "This service cannot be queued for by phone")}

log = logging.getLogger(__name__)


def rt(key: str, lang: str, **kw: object) -> str:
    zh, en = REMOTE_TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**kw) if kw else text


def sms_code(key: bytes, phone: str, matter: str, period: int) -> str:
    mac = hmac.new(key, f"code\x00{phone}\x00{matter}\x00{period}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(mac[:8], 'big') % 1_000_000:06d}"


def code_ok(key: bytes, phone: str, matter: str, given: str, now: float) -> bool:
    period = int(now // CODE_PERIOD_S)
    return any(hmac.compare_digest(sms_code(key, phone, matter, p), given) for p in (period, period - 1))


@dataclass
class RemoteSettings:
    groups: frozenset[str] = frozenset()
    key: bytes = field(default=b"", repr=False)  # codes and CSRF
    seal_key: bytes = field(default=b"", repr=False)
    phone_salt: bytes = field(default=b"", repr=False)
    send: Callable[[str, str, str], None] | None = None  # (message id, to, text): the SMS adapter
    hall_zh: str = ""
    hall_en: str = ""


def remote_routes(hub: Hub, cfg: RemoteSettings, page: Callable[..., Response]) -> list[Route]:
    phone_buckets = Buckets(1 / 120, 3.0)  # codes per phone: 3, then one each 2 minutes
    tries = Buckets(1 / 120, 5.0)  # code checks per phone
    catalog = allowed_catalog(hub, cfg.groups)

    def lang_of(request: Request) -> str:
        return "en" if request.query_params.get("lang") == "en" else "zh"

    async def search(request: Request) -> Response:
        cat, index = catalog()
        q = request.query_params.get("q", "")[:40]
        found = index.search(q, 30) if q else list(cat.matters)
        return page(request, "remote_search.html", rt=rt, q=q, matters=found)

    def draw(request: Request, matter: str, status: int = 200, **ctx: Any) -> Response:
        cat, _ = catalog()
        m = cat.by_code.get(matter)
        if m is None:
            return page(request, "message.html", 404, title=rt("no_match", lang_of(request)), text="")
        token = csrf.token(cfg.key, f"remote:{matter}", time.time())
        return page(request, "remote_form.html", status, rt=rt, ft=forms.ft, m=m, csrf=token,
                    **{"errors": {}, "sealed": "", **ctx})

    async def form(request: Request) -> Response:
        return draw(request, request.path_params["matter"])

    def checked(request: Request, f: forms.Form) -> dict[str, str]:
        if not csrf.valid(cfg.key, f"remote:{request.path_params['matter']}", f.one("csrf"), time.time()):
            return {"form": forms.ft("err_csrf", lang_of(request))}
        return {}

    async def code(request: Request) -> Response:
        matter, lang = request.path_params["matter"], lang_of(request)
        f = forms.parse(await request.body())
        errors = checked(request, f)
        phone = ""
        if not errors:
            try:
                phone = normalize(f.one("phone"))
            except BadPhone:
                errors["phone"] = forms.ft("err_phone", lang)
        if not errors and not phone_buckets.allow(hashlib.sha256(phone.encode()).hexdigest()):
            errors["phone"] = forms.ft("err_phone_limit", lang)
        if not errors and matter in catalog()[0].by_code and cfg.send is not None:
            text = rt("sms_code", lang, hall=cfg.hall_zh, hall_en=cfg.hall_en,
                      code=sms_code(cfg.key, phone, matter, int(time.time() // CODE_PERIOD_S)))
            try:
                await asyncio.to_thread(cfg.send, f"code:{uuid.uuid4().hex}", phone, text)
            except Exception as exc:  # noqa: BLE001 - any failure of the SMS gateway: logged, told to the citizen
                log.warning("sms code not sent: %s", exc)
                errors["form"] = rt("err_sms", lang)
        elif not errors:
            errors["form"] = rt("err_sms", lang)
        if errors:
            return draw(request, matter, 400, errors=errors)
        return draw(request, matter, sealed=seal(cfg.seal_key, f"remote:{matter}", phone), sent=True)

    async def take(request: Request) -> Response:
        matter, lang = request.path_params["matter"], lang_of(request)
        f = forms.parse(await request.body())
        errors = checked(request, f)
        sealed = f.values.get("sealed", [""])[0][:200]
        try:
            phone = unseal(cfg.seal_key, f"remote:{matter}", sealed)
        except BadPhone:
            return draw(request, matter, 400, errors={"phone": forms.ft("err_phone", lang), **errors})
        given = f.one("code").strip()
        if not errors and not tries.allow(hashlib.sha256(phone.encode()).hexdigest()):
            errors["code"] = forms.ft("err_phone_limit", lang)
        elif not errors and not (given.isdigit() and code_ok(cfg.key, phone, matter, given, time.time())):
            errors["code"] = rt("err_code", lang)
        if errors:
            return draw(request, matter, 400, errors=errors, sealed=sealed, sent=True)
        key = hmac.new(cfg.phone_salt, phone.encode(), hashlib.sha256).hexdigest()
        resp = await hub.request("ticket.remote_issue", {"matter": matter, "phone_key": key})
        if not resp.ok:
            zh, en = ISSUE_ERRORS.get(resp.error_code or "", (forms.ft("err_busy", "zh"), forms.ft("err_busy", "en")))
            return draw(request, matter, 400, errors={"form": en if lang == "en" else zh}, sealed=sealed, sent=True)
        t = resp.result["ticket"]
        # the same number, sealed for this ticket: texts when it nears, when called, if passed over
        await hub.request("alert.subscribe", {"ref": t["ref"], "phone": seal(cfg.seal_key, t["id"], phone),
                                              "at_ahead": 3})
        return RedirectResponse(f"/t/{t['ref']}?lang={lang}", status_code=303)

    return [Route("/remote", search), Route("/remote/{matter}", form),
            Route("/remote/{matter}/code", code, methods=["POST"]),
            Route("/remote/{matter}/ticket", take, methods=["POST"])]
