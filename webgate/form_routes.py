"""POST /t/<ref>/alert and /t/<ref>/rate: check, ask the server, then redirect (303) or redraw."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallbus import errors as E
from hallcore.phone import seal
from webgate import csrf, forms
from webgate.hub import Hub
from webgate.security import Buckets

Lookup = Callable[[str], Awaitable[tuple[int, dict[str, Any] | None]]]
Render = Callable[..., Response]
SERVER_ERRORS: dict[str, str] = {E.INVALID_STATE: "err_state", E.ALREADY_EVALUATED: "err_rated", E.RATING_CLOSED: "err_rating_closed",
                 E.BAD_REQUEST: "err_phone"}


def form_routes(hub: Hub, csrf_key: bytes, seal_key: bytes, hall_id: str, lookup: Lookup, render: Render,
                not_ok: Callable[[Request, int], Response], phone_buckets: Buckets) -> list[Route]:
    async def prepare(request: Request) -> tuple[str, dict[str, Any] | None, forms.Form, Response | None]:
        ref = request.path_params["ref"]
        form = forms.parse(await request.body())
        status, result = await lookup(ref)
        if result is None:
            return ref, None, form, not_ok(request, status)
        if not csrf.valid(csrf_key, ref, form.one("csrf"), time.time()):
            form.errors["form"] = "err_csrf"
        return ref, result, form, None

    def back(request: Request, ref: str, flag: str) -> Response:
        lang = request.query_params.get("lang", "zh")
        return RedirectResponse(f"/t/{ref}?lang={'en' if lang == 'en' else 'zh'}&{flag}", status_code=303)

    async def alert(request: Request) -> Response:
        ref, result, form, early = await prepare(request)
        if early is not None or result is None:
            return early or not_ok(request, 404)
        checked = forms.check_alert(form) if not form.errors else None
        if checked is not None:
            phone, n = checked
            # per phone: a key of the number (never the number) in the limiter's memory
            if not phone_buckets.allow(hashlib.sha256(f"{hall_id}:{phone}".encode()).hexdigest()):
                form.errors["phone"] = "err_phone_limit"
            else:
                tid = result["ticket"]["id"]
                resp = await hub.request("alert.subscribe",
                                         {"ref": ref, "phone": seal(seal_key, tid, phone), "at_ahead": n})
                if resp.ok:
                    return back(request, ref, f"alert={n}")
                form.errors["form"] = SERVER_ERRORS.get(resp.error_code or "", "err_busy")
        return render(request, ref, result, alert_form=form, status=400)

    async def rate(request: Request) -> Response:
        ref, result, form, early = await prepare(request)
        if early is not None or result is None:
            return early or not_ok(request, 404)
        checked = forms.check_rating(form) if not form.errors else None
        if checked is not None:
            score, reasons = checked
            resp = await hub.request("evaluation.submit", {"ref": ref, "score": score, "reasons": reasons})
            if resp.ok:
                return back(request, ref, "rated=1")
            code = resp.error_code or ""
            form.errors["form"] = "err_not_served" if code == E.INVALID_STATE else SERVER_ERRORS.get(code, "err_busy")
        return render(request, ref, result, rate_form=form, status=400)

    return [Route("/t/{ref}/alert", alert, methods=["POST"]), Route("/t/{ref}/rate", rate, methods=["POST"])]
