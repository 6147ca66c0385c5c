"""What every response gets and every request must pass, as plain ASGI middleware.

- strict Content-Security-Policy: scripts and styles only from this origin, no inline script,
  no frames; and the headers that stop sniffing, referrers and framing;
- request bodies over `max_body` bytes are refused (413) before the app reads them;
- a token bucket per client address (the proxy's X-Forwarded-For when told to trust it).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the ref is in the URL: never hand it to another site
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, max_body: int = 8192) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, "请求过大 / Request too large")
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except BodyTooLarge:
            await _plain(send, 413, "请求过大 / Request too large")


class BodyTooLarge(Exception):
    pass


class Buckets:
    """Token buckets by key (an address, a phone key): `rate` per second, bursts of `burst`."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000) -> None:
        self.rate, self.burst, self.clock, self.max_keys = rate, burst, clock, max_keys
        self.tokens: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, cost: float = 1.0) -> bool:
        now = self.clock()
        level, at = self.tokens.pop(key, (self.burst, now))
        level = min(self.burst, level + (now - at) * self.rate)
        ok = level >= cost
        self.tokens[key] = (level - cost if ok else level, now)
        while len(self.tokens) > self.max_keys:
            self.tokens.popitem(last=False)  # the longest-quiet address forgets first
        return ok


def client_address(scope: Scope, trust_proxy: bool) -> str:
    if trust_proxy:
        fwd = dict(scope.get("headers", [])).get(b"x-forwarded-for")
        if fwd:
            return str(fwd.decode("latin-1").split(",")[-1].strip())  # the hop our own proxy added
    client = scope.get("client")
    return str(client[0]) if client else "-"


class RateLimit:
    def __init__(self, app: ASGIApp, buckets: Buckets, trust_proxy: bool = False) -> None:
        self.app, self.buckets, self.trust_proxy = app, buckets, trust_proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and not str(scope.get("path", "")).startswith("/static/")
                and not self.buckets.allow(client_address(scope, self.trust_proxy))):
            await _plain(send, 429, "请求过于频繁，请稍后再试 / Too many requests: please wait a moment",
                         [(b"retry-after", b"5")])
            return
        await self.app(scope, receive, send)
