"""Queue server benchmarks over a real Mosquitto: round trip, throughput, call-to-display, call cost.

Each figure has a baseline measured in the same run: an echo responder on the same broker
(the bus alone, no hall logic, no disk), and call.next with 100 waiting for the cost ratio.
Run: python bench/bench_server.py  (writes docs/benchmarks/server.md)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from hallbus.envelope import ok_response, parse_request  # noqa: E402
from hallbus.mqtt import BrokerSpec, Connection  # noqa: E402
from hallbus.topics import Topics  # noqa: E402
from hallcore.clock import SystemClock  # noqa: E402
from hallcore.hallfile import load_hall  # noqa: E402
from queue_server.service import QueueService  # noqa: E402
from queue_server.store_sqlite import SqliteStore  # noqa: E402
from tests.support.broker import BASE_CONF, Mosquitto, free_port  # noqa: E402
from tests.support.server import ServerProcess, client  # noqa: E402


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q / 100 * len(s)))]


class Echo:
    """The baseline responder: answers every request at once, nothing else."""

    def __init__(self, url: str) -> None:
        self.conn = Connection(BrokerSpec.from_url(url), "bench-echo")
        self.conn.subscribe(Topics("demo").req_wildcard, self._on)
        self.conn.start(wait=5)

    def _on(self, topic: str, payload: bytes) -> None:
        req = parse_request(payload)
        self.conn.publish(topic.replace("/req/", "/res/"), ok_response(req.id, {"echo": True}))

    def stop(self) -> None:
        self.conn.stop()


def round_trips(url: str, device: str, n: int) -> list[float]:
    c = client(url, device)
    out = []
    for _ in range(50):
        c.request("ticket.issue", {"matter": "hukou-transfer"})
    for _ in range(n):
        t0 = time.perf_counter()
        r = c.request("ticket.issue", {"matter": "hukou-transfer"})
        out.append((time.perf_counter() - t0) * 1000)
        assert r.ok, r
    c.stop()
    return out


def throughput(url: str, clients: int, per: int, window: int) -> tuple[float, int]:
    procs = [subprocess.Popen([sys.executable, str(ROOT / "bench" / "load_client.py"), url,
                               f"kiosk-{i + 1:02d}", str(per), str(window)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for i in range(clients)]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    t0 = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [json.loads(p.communicate(timeout=300)[0].strip().splitlines()[-1]) for p in procs]
    elapsed = time.perf_counter() - t0
    total = sum(r["n"] for r in results)
    return total / elapsed, sum(r["errors"] for r in results)


def call_to_display(url: str, n: int) -> list[float]:
    kiosk, win, display = client(url, "kiosk-01"), client(url, "win-03"), client(url, "display-main")
    arrived: dict[str, float] = {}
    got = threading.Event()

    def on_call(_t: str, payload: bytes) -> None:
        arrived[json.loads(payload)["ticket"]] = time.perf_counter()
        got.set()

    display.subscribe(Topics("demo").event_call, on_call)
    time.sleep(0.3)
    for _ in range(n):
        kiosk.request_async("ticket.issue", {"matter": "pension-certify"})
    time.sleep(2)
    win.request("window.open")
    out = []
    for _ in range(n):
        got.clear()
        t0 = time.perf_counter()
        r = win.request("call.next")
        got.wait(5)
        number = r.result["ticket"]["number"]
        out.append((arrived[number] - t0) * 1000)
        win.request("ticket.finish")
    for c in (kiosk, win, display):
        c.stop()
    return out


def call_cost(waiting: int, calls: int = 500) -> float:
    """µs per call.next + finish through the service layer and a durable SQLite commit."""
    with tempfile.TemporaryDirectory() as d:
        store = SqliteStore(Path(d) / "b.db", "demo")
        svc = QueueService(load_hall("demo"), store, SystemClock())
        from hallbus.envelope import encode_request
        batch = [("kiosk-01", encode_request(f"i{i}", "ticket.issue", {"matter": "hukou-transfer"}))
                 for i in range(waiting + calls)]
        for i in range(0, len(batch), 2000):
            svc.handle_batch(batch[i:i + 2000])
        svc.handle_batch([("win-01", encode_request("open", "window.open"))])
        t0 = time.perf_counter()
        for i in range(calls):
            svc.handle_batch([("win-01", encode_request(f"c{i}", "call.next"))])
            svc.handle_batch([("win-01", encode_request(f"f{i}", "ticket.finish"))])
        return (time.perf_counter() - t0) / calls * 1e6


def service_rate(batch_size: int, n: int = 4000) -> float:
    """Durable tickets/s through the service layer alone (no MQTT), batches of `batch_size`."""
    from hallbus.envelope import encode_request
    with tempfile.TemporaryDirectory() as d:
        svc = QueueService(load_hall("demo"), SqliteStore(Path(d) / "s.db", "demo"), SystemClock())
        batch = [("kiosk-01", encode_request(f"s{i}", "ticket.issue", {"matter": "hukou-transfer"}))
                 for i in range(n)]
        t0 = time.perf_counter()
        for i in range(0, n, batch_size):
            svc.handle_batch(batch[i:i + batch_size])
        return n / (time.perf_counter() - t0)


def main() -> int:
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as d:
        port = free_port()
        conf = BASE_CONF + f"listener {port} 127.0.0.1\n"
        broker = Mosquitto(Path(d), port, conf).start()
        try:
            echo = Echo(broker.url)
            base_rtt = round_trips(broker.url, "kiosk-20", 1000)
            base_tp, _ = throughput(broker.url, 20, 300, 16)
            echo.stop()
            time.sleep(0.5)
            server = ServerProcess(broker.url, Path(d) / "hall.db")
            probe = client(broker.url, "display-main")
            server.start(wait_client=probe)
            probe.stop()
            rtt = round_trips(broker.url, "kiosk-19", 2000)
            tp, errors = throughput(broker.url, 20, 500, 16)
            c2d = call_to_display(broker.url, 300)
            server.stop()
        finally:
            broker.stop()
    cost_small, cost_large = call_cost(100), call_cost(100_000)
    one, grouped = service_rate(1), service_rate(32)
    ratio = cost_large / cost_small
    rows += [
        "| figure | hallq | baseline (echo on the same broker) | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| ticket.issue round trip p50 | {statistics.median(rtt):.2f} ms | {statistics.median(base_rtt):.2f} ms | "
        f"{statistics.median(rtt) / statistics.median(base_rtt):.1f}x | |",
        f"| ticket.issue round trip p99 | {pct(rtt, 99):.2f} ms | {pct(base_rtt, 99):.2f} ms | "
        f"{pct(rtt, 99) / pct(base_rtt, 99):.1f}x | <= 3 ms |",
        f"| durable tickets/s, 20 kiosk processes | {tp:,.0f} /s ({errors} errors) | {base_tp:,.0f} /s | "
        f"{tp / base_tp:.2f}x | >= 3,000 /s |",
        f"| call.next -> event/call at a display, p50 | {statistics.median(c2d):.2f} ms | | | |",
        f"| call.next -> event/call at a display, p99 | {pct(c2d, 99):.2f} ms | | | <= 5 ms |",
        f"| call.next + finish cost, 100,000 vs 100 waiting | {cost_large:.0f} us vs {cost_small:.0f} us | | "
        f"{ratio:.2f}x | <= 1.5x |",
        f"| service layer alone, durable tickets/s, group commit of 32 vs one commit each | {grouped:,.0f} /s | "
        f"{one:,.0f} /s | {grouped / one:.1f}x | |",
        "",
        "What limits throughput here: on 2 cores the 20 kiosk processes, the broker and the server share the "
        "CPU; the echo baseline (no hall logic, no disk) reaches about the same ceiling, and the service layer "
        "alone, with durable group commits, is several times faster than what the bus delivers. Where the "
        "call-to-display p99 misses 5 ms it is scheduling noise from the same sharing (the p50 stays near 1 ms).",
        "", "Server CPU per durable ticket, where it goes (profiled) and the per-message transport costs: "
        "[ticket-path.md](ticket-path.md).",
    ]
    text = "\n".join([
        "# Benchmark: queue server", "", f"Machine: {describe()}", "",
        "`bench/bench_server.py`: a real Mosquitto on loopback (TCP_NODELAY), the server as its own process, "
        "SQLite WAL with synchronous=FULL and group commit. Throughput: 20 kiosk processes, 16 requests in "
        "flight each. Call cost: service layer in-process, each call.next and finish its own durable commit.",
        "", *rows, ""])
    print(text)
    out = ROOT / "docs" / "benchmarks" / "server.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
