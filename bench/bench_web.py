"""The phone gateway under many live pages: call fan-out, first byte, memory per page.

    python bench/bench_web.py [--pages 2000] [--rounds 5]

Real Mosquitto, queue server and one `hallq web` process. `rounds` tickets at the head of one
group get called; 15 waiting behind them carry pages/15 live SSE pages each, all within the 20
places the server tells exactly, so every call.next changes every page. One asyncio process with
raw sockets is the load. Baseline in the same run: a bare ASGI app on uvicorn (bench/bare_sse.py)
with as many streams and one in-process broadcast per round.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from hallq.local_broker import Mosquitto  # noqa: E402
from tests.support.server import ServerProcess, client  # noqa: E402
from tests.support.web import WebProcess  # noqa: E402


def say(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Page:
    def __init__(self) -> None:
        self.times: list[float] = []
        self.got = asyncio.Event()

    async def run(self, host: str, port: int, path: str) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        while line := await reader.readline():
            if b"data:" in line:
                self.times.append(time.perf_counter())
                self.got.set()


async def first_byte(host: str, port: int, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        await asyncio.wait_for(reader.read(1), 10)
        out.append(time.perf_counter() - t0)
        writer.close()
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q / 100 * len(s)))]


async def load(url: str, paths: list[str], fire, first_path: str, rounds: int, pid: int) -> dict:  # type: ignore[no-untyped-def]
    host, port = url.split("//")[1].split(":")
    rss0 = rss_kb(pid)
    pages = [Page() for _ in paths]
    tasks = []
    say(f"{url}: connecting {len(paths)} pages")
    for i, (p, path) in enumerate(zip(pages, paths, strict=True)):
        tasks.append(asyncio.create_task(p.run(host, int(port), path)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(asyncio.gather(*(p.got.wait() for p in pages)), 120)
    await asyncio.sleep(1)
    rss1 = rss_kb(pid)
    say("first byte")
    fb = await first_byte(host, int(port), first_path, 200)
    say("fan-out")
    lat: list[float] = []
    loop = asyncio.get_running_loop()
    for r in range(rounds):
        before = [len(p.times) for p in pages]
        t0 = time.perf_counter()
        await loop.run_in_executor(None, fire)
        deadline = time.monotonic() + 30
        while any(len(p.times) <= b for p, b in zip(pages, before, strict=True)):
            missed = sum(1 for p, b in zip(pages, before, strict=True) if len(p.times) <= b)
            if time.monotonic() > deadline:
                raise TimeoutError(f"round {r}: {missed} pages got no event")
            await asyncio.sleep(0.005)
        lat += [p.times[b] - t0 for p, b in zip(pages, before, strict=True)]
        await asyncio.sleep(0.3)
    for t in tasks:
        t.cancel()
    return {"fb": fb, "lat": lat, "per_page_kb": (rss1 - rss0) / len(pages), "rss_mb": rss1 / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    broker = Mosquitto(tmp).start()
    kiosk = client(broker.url, "kiosk-01")
    web = WebProcess(broker.url, tmp / "web.log",
                     extra=["--max-pages-per-ticket", str(a.pages), "--rate", "1e9", "--burst", "1e9"])
    web.start(wait_state=False)
    server = ServerProcess(broker.url, tmp / "hall.db", extra=["--public-url", web.url])
    server.start(wait_client=kiosk)
    web.wait_ready(20)
    win = client(broker.url, "win-11")
    try:
        watched = 15
        refs = [kiosk.request("ticket.issue", {"matter": "biz-license"}).result["ticket"]["ref"]
                for _ in range(a.rounds + watched)]
        win.request("window.open")
        paths = [f"/t/{refs[a.rounds + i % watched]}/events" for i in range(a.pages)]

        def call() -> None:
            win.request("call.next")
            win.request("ticket.finish")

        assert web.proc is not None
        res = asyncio.run(load(web.url, paths, call, f"/t/{refs[-1]}", a.rounds, web.proc.pid))
    finally:
        win.stop()
        web.stop()
        server.stop()
        kiosk.stop()
        broker.stop()
    bare = subprocess.Popen([sys.executable, str(ROOT / "bench" / "bare_sse.py")], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    try:
        assert bare.stdout is not None
        url = bare.stdout.readline().split()[-1]
        base = asyncio.run(load(url, ["/sse"] * a.pages,
                                lambda: urllib.request.urlopen(url + "/fire", data=b"", timeout=10).read(),
                                "/", a.rounds, bare.pid))
    finally:
        bare.kill()
        bare.wait(5)

    def row(name: str, key: str, q: float) -> str:
        h, b = pct(res[key], q) * 1000, pct(base[key], q) * 1000
        return f"| {name} | {h:.1f} ms | {b:.1f} ms | {h / b:.1f}x |"

    print(f"Machine: {describe()}\n")
    print(f"{a.pages} live pages, {a.rounds} calls, {len(res['lat'])} page updates measured.\n")
    print("| figure | hallq web | bare ASGI baseline | ratio |\n| --- | ---: | ---: | ---: |")
    print(row("call -> every page, p50", "lat", 50))
    print(row("call -> every page, p99", "lat", 99))
    print(row("page first byte under load, p50", "fb", 50))
    print(row("page first byte under load, p99", "fb", 99))
    print(f"| memory per live page | {res['per_page_kb']:.1f} KB | {base['per_page_kb']:.1f} KB | |")
    print(f"| process RSS with all pages | {res['rss_mb']:.0f} MB | {base['rss_mb']:.0f} MB | |")


if __name__ == "__main__":
    main()
