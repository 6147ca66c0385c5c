"""The same-run baseline of bench_web.py: a bare ASGI app on uvicorn, no framework, no bus.

GET / answers a short page; GET /sse holds a stream; POST /fire sends one event to every stream.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import uvicorn

streams: set[asyncio.Queue[bytes]] = set()


async def app(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            msg = await receive()
            if msg["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif msg["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    if path == "/sse":
        q: asyncio.Queue[bytes] = asyncio.Queue()
        streams.add(q)
        try:
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/event-stream")]})
            await send({"type": "http.response.body", "body": b"data: {}\n\n", "more_body": True})
            while True:
                await send({"type": "http.response.body", "body": await q.get(), "more_body": True})
        finally:
            streams.discard(q)
    if path == "/fire":
        for q in streams:
            q.put_nowait(b'data: {"fire": 1}\n\n')
    body = b"<!doctype html><p>hello</p>"
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


if __name__ == "__main__":
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)
    print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
