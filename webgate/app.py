"""The ASGI app, a function of its hub and settings; routes are data (Starlette).

    GET /                 the hall now (JSON twin: /hall.json)
    GET /t/<ref>          one ticket (JSON twin: /t/<ref>/json), live by /t/<ref>/events (SSE)
    GET /healthz          the gateway's own health
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from evaluator.levels import LEVELS, REASONS
from hallbus import errors as E
from webgate import csrf, forms, qr, texts
from webgate.book_routes import BookSettings, book_routes
from webgate.form_routes import form_routes
from webgate.hub import Hub
from webgate.remote_routes import RemoteSettings, remote_routes
from webgate.security import BodyLimit, Buckets, RateLimit, SecurityHeaders
from webgate.view import hall_view, ticket_view

HERE = Path(__file__).parent
MAX_REF = 40  # longer is surely wrong, but still asked about: a wrong ref costs what a right one does
KEEPALIVE_S = 15.0


@dataclass(frozen=True, slots=True)
class WebSettings:
    public_url: str = ""
    rate: float = 5.0  # requests per second per address, bursts of `burst`
    burst: float = 40.0
    max_body: int = 8192
    trust_proxy: bool = False
    hall_id: str = ""
    csrf_key: bytes = field(default=b"", repr=False)  # from the hall's secrets: every process checks every token
    seal_key: bytes = field(default=b"", repr=False)  # seals phone numbers for the server
    texts: bool = True  # the hall has an SMS gateway: offer 'tell me when'
    phone_rate: float = 1 / 600  # 'tell me when' per phone: bursts of 3, then one each 10 minutes


def _lang(request: Request) -> str:
    return texts.lang_of(request.query_params.get("lang"))


def create_app(hub: Hub, settings: WebSettings | None = None, remote: RemoteSettings | None = None,
               extra: list[BaseRoute] | None = None, book: BookSettings | None = None) -> Starlette:
    cfg = settings or WebSettings()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["t"] = texts.t

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> Response:
        lang = _lang(request)
        other = "en" if lang == "zh" else "zh"
        hall_name = hall_view(hub.state, lang)["hall"]
        return templates.TemplateResponse(request, name, {"lang": lang, "other": other, "hall_name": hall_name, **ctx},
                                          status_code=status)

    async def lookup(ref: str, at_answer: Any = None) -> tuple[int, dict[str, Any] | None]:
        resp = await hub.request("ticket.lookup", {"ref": ref[:MAX_REF]}, at_answer)
        if resp.ok and isinstance(resp.result, dict):
            return 200, resp.result
        return (404, None) if resp.error_code == E.UNKNOWN_TICKET else (503, None)

    def not_ok(request: Request, status: int) -> Response:
        key = "not_found" if status == 404 else "busy"
        return page(request, "message.html", status, title=texts.t("not_found_title" if status == 404 else "busy",
                                                                   _lang(request)), text=texts.t(key, _lang(request)))

    async def hall(request: Request) -> Response:
        return page(request, "hall.html", view=hall_view(hub.state, _lang(request)))

    async def hall_json(request: Request) -> Response:
        return JSONResponse(hall_view(hub.state, _lang(request)))

    def render_ticket(request: Request, ref: str, result: dict[str, Any], status: int = 200,
                      alert_form: Any = None, rate_form: Any = None) -> Response:
        url = f"{cfg.public_url}/t/{ref}" if cfg.public_url else str(request.url.replace(query=""))
        q = request.query_params
        return page(request, "ticket.html", status, ref=ref, v=ticket_view(result, hub.state, _lang(request)),
                    qr=qr.svg_data_uri(url), csrf=csrf.token(cfg.csrf_key, ref, time.time()), ft=forms.ft,
                    alert_form=alert_form or forms.Form({}), rate_form=rate_form or forms.Form({}),
                    alert_set=q.get("alert", ""), texts_on=cfg.texts, rated=q.get("rated") == "1", levels=LEVELS, reasons=REASONS)

    async def ticket(request: Request) -> Response:
        ref = request.path_params["ref"]
        status, result = await lookup(ref)
        if result is None:
            return not_ok(request, status)
        return render_ticket(request, ref, result)

    async def ticket_json(request: Request) -> Response:
        status, result = await lookup(request.path_params["ref"])
        if result is None:
            return JSONResponse({"error": E.UNKNOWN_TICKET if status == 404 else E.UNAVAILABLE}, status)
        return JSONResponse(ticket_view(result, hub.state, _lang(request)))

    # one push reaches every page of its ticket: draw it once per language, not once per page
    drawn: dict[tuple[int, str], tuple[dict[str, Any], dict[str, Any], str]] = {}

    def draw(body: dict[str, Any], lang: str) -> tuple[dict[str, Any], str]:
        hit = drawn.get((id(body), lang))
        if hit is not None and hit[0] is body:
            return hit[1], hit[2]
        v = ticket_view(body, hub.state, lang)
        text = f"data: {json.dumps(v, ensure_ascii=False)}\n\n"
        if len(drawn) > 4096:
            drawn.clear()
        drawn[(id(body), lang)] = (body, v, text)  # holding body keeps its id from being reused
        return v, text

    async def events(request: Request) -> Response:
        ref, lang = request.path_params["ref"], _lang(request)
        q = hub.listen(ref[:MAX_REF])
        if q is None:
            return JSONResponse({"error": E.RATE_LIMITED}, 429)

        def drop_older() -> None:  # pushes that landed before the answer are older than it
            while not q.empty():
                q.get_nowait()

        status, result = await lookup(ref, drop_older)
        if result is None:
            hub.unlisten(ref[:MAX_REF], q)
            return JSONResponse({"error": E.UNKNOWN_TICKET if status == 404 else E.UNAVAILABLE}, status)

        async def stream() -> AsyncIterator[str]:
            last: dict[str, Any] | None = None
            body: dict[str, Any] = result
            try:
                yield "retry: 2000\n\n"  # EventSource reconnects by itself after this long
                while True:
                    v, text = draw(body, lang)
                    if v != last:
                        yield text
                        last = v
                    try:
                        body = await asyncio.wait_for(q.get(), KEEPALIVE_S)
                    except TimeoutError:
                        yield ": keepalive\n\n"  # proxies close a silent connection
            finally:
                hub.unlisten(ref[:MAX_REF], q)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"cache-control": "no-store", "x-accel-buffering": "no"})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True, "pages": hub.connections, "events": hub.events_seen,
                             "state": sorted(hub.state)})

    async def missing(request: Request, exc: Exception) -> Response:
        return not_ok(request, 404)

    routes = [
        Route("/", hall), Route("/hall.json", hall_json), Route("/healthz", healthz),
        Route("/t/{ref}", ticket), Route("/t/{ref}/json", ticket_json), Route("/t/{ref}/events", events),
        *form_routes(hub, cfg.csrf_key, cfg.seal_key, cfg.hall_id, lookup, render_ticket, not_ok,
                     Buckets(cfg.phone_rate, 3.0)),
        *remote_routes(hub, remote or RemoteSettings(key=cfg.csrf_key, seal_key=cfg.seal_key), page),
        *(extra or []),  # the city's staff pages (webgate/city_routes.py), when configured
        *(book_routes(hub, book, page) if book else []),  # 预约: webgate/book_routes.py
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: missing})
    app.add_middleware(RateLimit, buckets=Buckets(cfg.rate, cfg.burst), trust_proxy=cfg.trust_proxy)
    app.add_middleware(BodyLimit, max_body=cfg.max_body)
    app.add_middleware(SecurityHeaders)
    return app


__all__ = ["HTMLResponse", "WebSettings", "create_app"]
