"""Starlette or FastAPI for `hallq web`: the same tiny page on each, in process, against bare ASGI.

    python bench/bench_web_framework.py [--n 3000]

In-process through httpx.ASGITransport (no sockets: the framework's own cost is what differs),
one HTML route with a path parameter and one JSON route, median of 3 rounds each.
FastAPI is not a dependency of hallq: install it into the venv to run this.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

import httpx

from bench.machine import describe


def bare() -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        body = b"<p>" + scope["path"].encode() + b"</p>"
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
    return app


def starlette() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route

    async def page(request: Any) -> Any:
        return HTMLResponse(f"<p>{request.path_params['ref']}</p>")

    async def js(request: Any) -> Any:
        return JSONResponse({"ref": request.path_params["ref"], "ahead": 3})

    return Starlette(routes=[Route("/t/{ref}", page), Route("/t/{ref}/json", js)])


def fastapi() -> Any:
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/t/{ref}", response_class=HTMLResponse)
    async def page(ref: str) -> str:
        return f"<p>{ref}</p>"

    @app.get("/t/{ref}/json")
    async def js(ref: str) -> dict[str, Any]:
        return {"ref": ref, "ahead": 3}

    return app


async def rate(app: Any, n: int) -> float:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        await c.get("/t/warm")
        t0 = time.perf_counter()
        for i in range(n):
            await c.get(f"/t/20261202-A{i % 999:03d}.abcdefghijklmnop" + ("/json" if i % 2 else ""))
        return n / (time.perf_counter() - t0)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=3000)
    n = p.parse_args().n
    rows = []
    for name, make in (("bare ASGI", bare), ("Starlette", starlette), ("FastAPI", fastapi)):
        app = make()
        rates = [asyncio.run(rate(app, n)) for _ in range(3)]
        rows.append((name, statistics.median(rates)))
    base = rows[0][1]
    print(f"Machine: {describe()}\n")
    print("| app | requests/s (median of 3) | vs bare ASGI |\n| --- | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r:,.0f} | {r / base:.2f}x |")


if __name__ == "__main__":
    main()
