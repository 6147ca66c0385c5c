"""Booking (预约) from the phone: a matter, a day, a slot with places left, the ID number typed
(checked with the GB 11643 digit and turned into the hall's salted key at once: never kept, logged
or sent), the phone verified by a six-digit text; then the appointment's HQA1 QR, the materials to
bring and a cancel link.

    GET  /book?q=...                     matters of the groups the hall books
    GET  /book/<matter>?day=YYYY-MM-DD   days, the day's slots (places left, live from the server)
    POST /book/<matter>/code             checks the form, sends the code; the page keeps it sealed
    POST /book/<matter>/confirm          checks the code, appointment.book, the confirmation
    GET  /book/cancel/<id>?s=...         the cancel page (s: the citizen key sealed for this booking)
    POST /book/cancel/<id>               appointment.cancel
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallbus import errors as E
from hallcore.citizen import InvalidIdNumber, citizen_key, mask_name, validate_id_number
from hallcore.phone import BadPhone, normalize, seal
from webgate import csrf, forms, qr
from webgate.hub import Hub
from webgate.matter_catalog import allowed_catalog
from webgate.remote_routes import code_ok, sms_code
from webgate.security import Buckets

log = logging.getLogger(__name__)
CODE_PERIOD_S = 600
BOOK_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("预约办事", "Book an appointment"),
    "intro": ("选择事项、日期和时段，凭身份证和短信验证码预约。到时请带身份证到自助机扫码签到。",
              "Choose a matter, a day and a time; book with your ID number and a code by text. "
              "On the day, scan the code at a kiosk with your ID card."),
    "search": ("搜索事项（中文、拼音首字母或英文）", "Search a matter (Chinese, pinyin initials or English)"),
    "search_go": ("搜索", "Search"),
    "no_match": ("没有可预约的匹配事项", "No matching matter can be booked"),
    "day": ("日期", "Day"),
    "slot": ("时段（剩余名额）", "Time (places left)"),
    "full": ("已满", "full"),
    "no_slots": ("这一天没有可预约的时段", "No time can be booked on this day"),
    "name": ("姓名", "Name"),
    "id_number": ("身份证号码（18 位）", "ID card number (18 characters)"),
    "send_code": ("发送验证码", "Send me a code"),
    "code": ("短信验证码（6 位数字）", "Code from the text (6 digits)"),
    "code_sent": ("验证码已发送，10 分钟内有效。", "A code was sent; it is good for 10 minutes."),
    "confirm": ("确认预约", "Book it"),
    "done": ("预约成功", "Booked"),
    "done_intro": ("请在预约时间到大厅，在自助机扫描此二维码并读取身份证签到。",
                   "Come to the hall at your time; scan this code at a kiosk and read your ID card there."),
    "materials": ("请携带以下材料", "Bring these"),
    "cancel": ("取消预约", "Cancel the booking"),
    "cancel_q": ("确定取消这个预约吗？", "Cancel this booking?"),
    "cancelled": ("预约已取消", "The booking is cancelled"),
    "err_slot": ("请选择一个时段", "Choose a time"),
    "err_name": ("请输入姓名", "Enter your name"),
    "err_id": ("身份证号码不正确，请核对", "This ID number is not right: check it"),
    "err_code": ("验证码不正确或已过期", "The code is wrong or has expired"),
    "err_sms": ("短信暂时无法发送，请稍后再试", "No text can be sent right now: please try later"),
    "sms_code": ("【{hall}】您的预约验证码是 {code}，10 分钟内有效。", "{hall_en}: your booking code is {code}, good for 10 minutes."),
    "sms_done": ("【{hall}】您已预约 {when}，请按时到大厅签到。取消：{cancel}",
                 "{hall_en}: booked for {when}. Check in at the hall on time. Cancel: {cancel}"),
}
# the server's answer, as the citizen should read it (the server's own message says when)
ERRORS: dict[str, tuple[str, str]] = {E.SLOT_FULL: ("该时段已约满，请选择其他时段", "This time is full: choose another"),
          E.LIMIT_REACHED: ("您当天已预约过此类业务", "You already have a booking for this service that day"),
          E.BOOKING_BLOCKED: ("多次预约未到，暂不能预约", "Too many missed appointments: booking is blocked for now"),
          E.CLOSED_DAY: ("大厅当天不办公", "The hall is closed that day"),
          E.TOO_LATE: ("已过预约或取消的截止时间", "Too late to book or cancel this time"),
          E.TOO_EARLY: ("这一天还不能预约", "That day cannot be booked yet")}


def bt(key: str, lang: str, **kw: object) -> str:
    zh, en = BOOK_TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**kw) if kw else text


@dataclass
class BookSettings:
    groups: dict[str, int] = field(default_factory=dict)  # bookable group -> days ahead
    closures: frozenset[str] = frozenset()
    timezone: str = "Asia/Shanghai"
    key: bytes = field(default=b"", repr=False)  # codes and CSRF
    seal_key: bytes = field(default=b"", repr=False)  # the form's sealed fields, the server's sealed phone
    citizen_salt: bytes = field(default=b"", repr=False)  # the hall's: ID number -> citizen key
    send: Callable[[str, str, str], None] | None = None
    public_url: str = ""
    hall_zh: str = ""
    hall_en: str = ""


def _box(key: bytes, context: str, data: dict[str, str]) -> str:
    """What the next step needs, encrypted for the gateway only (no server-side session)."""
    nonce = os.urandom(12)
    raw = AESGCM(key).encrypt(nonce, json.dumps(data).encode(), context.encode())
    return base64.urlsafe_b64encode(nonce + raw).decode().rstrip("=")


def _unbox(key: bytes, context: str, text: str) -> dict[str, str] | None:
    try:
        raw = base64.urlsafe_b64decode(text[:600] + "=" * (-len(text[:600]) % 4))
        out = json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], context.encode()))
    except (ValueError, InvalidTag):
        return None
    return out if isinstance(out, dict) else None


def _long(f: forms.Form, name: str) -> str:
    """A sealed field: longer than forms.Form.one keeps (64), bounded all the same."""
    return (f.values.get(name) or [""])[0][:600]


def book_routes(hub: Hub, cfg: BookSettings, page: Callable[..., Response]) -> list[Route]:
    phone_buckets, tries = Buckets(1 / 120, 3.0), Buckets(1 / 120, 5.0)
    tz = ZoneInfo(cfg.timezone)
    catalog = allowed_catalog(hub, cfg.groups)

    def materials(matter: str) -> list[Any]:
        for m in hub.state.get("catalog", {}).get("matters", []):
            if isinstance(m, dict) and m.get("code") == matter:
                return list(m.get("materials") or [])
        return []

    def lang_of(request: Request) -> str:
        return "en" if request.query_params.get("lang") == "en" else "zh"

    def days(group: str) -> list[str]:
        today = datetime.now(tz).date()
        return [d for d in ((today + timedelta(days=i)).isoformat() for i in range(cfg.groups.get(group, 7) + 1))
                if d not in cfg.closures]

    async def search(request: Request) -> Response:
        cat, index = catalog()
        q = request.query_params.get("q", "")[:40]
        return page(request, "book_search.html", bt=bt, q=q, matters=index.search(q, 30) if q else list(cat.matters))

    async def draw(request: Request, matter: str, status: int = 200, day: str | None = None, **ctx: Any) -> Response:
        m = catalog()[0].by_code.get(matter)
        lang = lang_of(request)
        if m is None:
            return page(request, "message.html", 404, title=bt("no_match", lang), text="")
        choices = days(m.group)
        day = day if day in choices else (choices[0] if choices else "")
        slots: list[dict[str, Any]] = []
        if day:
            resp = await hub.request("appointment.slots", {"matter": matter, "date": day})
            slots = resp.result.get("slots", []) if resp.ok and isinstance(resp.result, dict) else []
        token = csrf.token(cfg.key, f"book:{matter}", time.time())
        return page(request, "book_form.html", status, bt=bt, ft=forms.ft, m=m, csrf=token, days=choices, day=day,
                    slots=slots, **{"errors": {}, "sealed": "", "sent": False, **ctx})

    async def form(request: Request) -> Response:
        return await draw(request, request.path_params["matter"], day=request.query_params.get("day"))

    async def code(request: Request) -> Response:
        matter, lang = request.path_params["matter"], lang_of(request)
        f = forms.parse(await request.body())
        errors: dict[str, str] = {}
        if not csrf.valid(cfg.key, f"book:{matter}", f.one("csrf"), time.time()):
            errors["form"] = forms.ft("err_csrf", lang)
        slot, name = f.one("slot").strip()[:16], f.one("name").strip()[:40]
        id_number = f.one("id_number").strip().upper()[:18]
        if not slot:
            errors["slot"] = bt("err_slot", lang)
        if not name:
            errors["name"] = bt("err_name", lang)
        key = ""
        try:
            validate_id_number(id_number)
            key = citizen_key(id_number, cfg.citizen_salt)  # from here on only the salted key
        except (InvalidIdNumber, ValueError):
            errors["id_number"] = bt("err_id", lang)
        del id_number
        phone = ""
        try:
            phone = normalize(f.one("phone"))
        except BadPhone:
            errors["phone"] = forms.ft("err_phone", lang)
        if not errors and not phone_buckets.allow(hashlib.sha256(phone.encode()).hexdigest()):
            errors["phone"] = forms.ft("err_phone_limit", lang)
        if not errors:
            text = bt("sms_code", lang, hall=cfg.hall_zh, hall_en=cfg.hall_en,
                      code=sms_code(cfg.key, phone, f"book:{matter}", int(time.time() // CODE_PERIOD_S)))
            try:
                if cfg.send is None:
                    raise RuntimeError("no SMS gateway")
                await asyncio.to_thread(cfg.send, f"code:{uuid.uuid4().hex}", phone, text)
            except Exception as exc:  # noqa: BLE001 - any failure of the SMS gateway: logged, told to the citizen
                log.warning("sms code not sent: %s", exc)
                errors["form"] = bt("err_sms", lang)
        if errors:
            return await draw(request, matter, 400, day=slot[:10] or None, errors=errors)
        sealed = _box(cfg.seal_key, f"book:{matter}", {"phone": phone, "key": key, "masked": mask_name(name),
                                                        "slot": slot})
        return await draw(request, matter, day=slot[:10], sealed=sealed, sent=True, chosen=slot)

    async def confirm(request: Request) -> Response:
        matter, lang = request.path_params["matter"], lang_of(request)
        f = forms.parse(await request.body())
        data = _unbox(cfg.seal_key, f"book:{matter}", _long(f, "sealed"))
        if data is None or not csrf.valid(cfg.key, f"book:{matter}", f.one("csrf"), time.time()):
            return await draw(request, matter, 400, errors={"form": forms.ft("err_csrf", lang)})
        given, phone = f.one("code").strip(), data["phone"]
        if not tries.allow(hashlib.sha256(phone.encode()).hexdigest()):
            err = forms.ft("err_phone_limit", lang)
        elif not (given.isdigit() and code_ok(cfg.key, phone, f"book:{matter}", given, time.time())):
            err = bt("err_code", lang)
        else:
            err = ""
        if err:
            return await draw(request, matter, 400, day=data["slot"][:10], errors={"code": err},
                              sealed=_long(f, "sealed"), sent=True, chosen=data["slot"])
        resp = await hub.request("appointment.book", {
            "matter": matter, "slot": data["slot"], "citizen": {"key": data["key"], "name_masked": data["masked"]},
            "phone": seal(cfg.seal_key, "booking", phone)})
        if not resp.ok:
            zh, en = ERRORS.get(resp.error_code or "", (forms.ft("err_busy", "zh"), forms.ft("err_busy", "en")))
            return await draw(request, matter, 400, day=data["slot"][:10], errors={"form": en if lang == "en" else zh})
        a = resp.result["appointment"]
        cancel = f"{cfg.public_url}/book/cancel/{a['id']}?s={_box(cfg.seal_key, 'cancel:' + a['id'], {'key': data['key']})}"
        when = a["slot"]["start"][:16].replace("T", " ")
        if cfg.send is not None:
            text = bt("sms_done", lang, hall=cfg.hall_zh, hall_en=cfg.hall_en, when=when, cancel=cancel)
            try:
                await asyncio.to_thread(cfg.send, f"booked:{a['id']}", phone, text)
            except Exception as exc:  # noqa: BLE001 - the booking stands; the page shows all the text would
                log.warning("booking confirmation not sent: %s", exc)
        m = catalog()[0].by_code[matter]
        return page(request, "book_done.html", bt=bt, m=m, a=a, when=when, qr=qr.svg_data_uri(a["code"]),
                    materials=materials(matter), cancel=cancel)

    async def back(request: Request) -> Response:
        if request.path_params["step"] not in ("code", "confirm"):
            return page(request, "message.html", 404, title=bt("no_match", lang_of(request)), text="")
        return RedirectResponse(f"/book/{request.path_params['matter']}?lang={lang_of(request)}", status_code=303)

    async def cancel_page(request: Request) -> Response:
        bid, lang = request.path_params["id"][:40], lang_of(request)
        s = request.query_params.get("s", "")
        if request.method == "POST":
            f = forms.parse(await request.body())
            s = _long(f, "s")
            data = _unbox(cfg.seal_key, f"cancel:{bid}", s)
            if data is None or not csrf.valid(cfg.key, f"cancel:{bid}", f.one("csrf"), time.time()):
                return page(request, "message.html", 400, title=bt("cancel", lang), text=forms.ft("err_csrf", lang))
            resp = await hub.request("appointment.cancel", {"id": bid, "citizen_key": data["key"]})
            if not resp.ok:
                zh, en = ERRORS.get(resp.error_code or "", (resp.error_message or "", resp.error_message or ""))
                return page(request, "message.html", 400, title=bt("cancel", lang), text=en if lang == "en" else zh)
            return page(request, "message.html", title=bt("cancelled", lang), text="")
        if _unbox(cfg.seal_key, f"cancel:{bid}", s) is None:
            return page(request, "message.html", 404, title=bt("cancel", lang), text=forms.ft("err_csrf", lang))
        return page(request, "book_cancel.html", bt=bt, bid=bid, s=s, csrf=csrf.token(cfg.key, f"cancel:{bid}", time.time()))

    return [Route("/book/cancel/{id}", cancel_page, methods=["GET", "POST"]),
            Route("/book", search), Route("/book/{matter}", form),
            Route("/book/{matter}/code", code, methods=["POST"]),
            Route("/book/{matter}/confirm", confirm, methods=["POST"]),
            # the language link of a page drawn by a POST is a GET of its URL: back to the form
            Route("/book/{matter}/{step:str}", back, methods=["GET"])]


__all__ = ["BookSettings", "book_routes"]
