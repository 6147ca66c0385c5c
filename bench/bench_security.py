"""What the citizen filters cost: durable ticket.issue through the service layer with and without them.

Every request now has all its arguments searched for an ID number, and a citizen's key and masked
name checked (hallcore/citizen_input.py). Baseline, in the same run: the same service with those
checks switched off (the old regex checks gone too). Interleaved rounds, best of each, so the two
see the same machine. Writes docs/benchmarks/security.md.

    python bench/bench_security.py [--tickets 3000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
import timeit
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from hallbus.envelope import encode_request  # noqa: E402
from hallcore.clock import SystemClock  # noqa: E402
from hallcore.hallfile import load_hall  # noqa: E402
from queue_server import handlers  # noqa: E402
from queue_server.service import QueueService  # noqa: E402
from queue_server.store_sqlite import SqliteStore  # noqa: E402


def _requests(n: int) -> list[tuple[str, bytes]]:
    # a card read each: a real-length key (a new citizen, so no daily limit) and a masked name
    return [(f"kiosk-{i % 20 + 1:02d}", encode_request(f"s{i}", "ticket.issue", {
        "matter": "hukou-transfer", "citizen": {"key": secrets.token_hex(32), "name_masked": "张*三"}}))
        for i in range(n)]


def rate(n: int, filters: bool) -> float:
    saved = (handlers.find_id_number, handlers.key_problem, handlers.name_problem)
    if not filters:
        handlers.find_id_number = lambda *a, **k: None  # type: ignore[assignment]
        handlers.key_problem = handlers.name_problem = lambda v: None  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as d:
            svc = QueueService(load_hall("demo"), SqliteStore(Path(d) / "s.db", "demo"), SystemClock())
            batch = _requests(n)
            t0 = time.perf_counter()
            for i in range(0, n, 32):  # group commit of 32, as under load
                for _, body in svc.handle_batch(batch[i:i + 32]).responses:
                    assert b'"ok":true' in body, body
            return n / (time.perf_counter() - t0)
    finally:
        handlers.find_id_number, handlers.key_problem, handlers.name_problem = saved


def filter_us(n: int = 20000) -> float:
    """Best-of-5 cost of the checks on one ticket.issue's arguments, alone."""
    args = {"matter": "hukou-transfer", "citizen": {"key": secrets.token_hex(32), "name_masked": "张*三"}}

    def checks() -> None:
        handlers.find_id_number(args, skip=frozenset({"appointment"}))
        handlers.key_problem(args["citizen"]["key"])  # type: ignore[index]
        handlers.name_problem("张*三")
    return min(timeit.repeat(checks, number=n, repeat=5)) / n * 1e6


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--tickets", type=int, default=3000)
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args()
    rate(300, filters=True)  # warm-up: imports, first SQLite file, caches
    rate(300, filters=False)
    with_f: list[float] = []
    without: list[float] = []
    for _ in range(a.rounds):
        without.append(rate(a.tickets, filters=False))
        with_f.append(rate(a.tickets, filters=True))
    best_with, best_without = max(with_f), max(without)
    checks = filter_us()
    per_ticket = 1e6 / best_without
    page = f"""# Benchmark: the citizen filters

Machine: {describe()}; load average {os.getloadavg()[0]:.1f} when measured (the machine was shared);
measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC

`bench/bench_security.py --tickets {a.tickets} --rounds {a.rounds}`: durable `ticket.issue` with a card
(64-hex key, masked name) through the service layer alone, SQLite WAL synchronous=FULL, group commit
of 32. Baseline: the same with the ID-number search and the key and name checks switched off.
After a warm-up of each, rounds interleaved; best of each. The checks alone: best of 5 x 20,000.

| figure | with the filters | baseline (without) | ratio |
| --- | ---: | ---: | ---: |
| durable tickets/s, best | {best_with:,.0f} | {best_without:,.0f} | {best_with / best_without:.2f}x |
| durable tickets/s, median | {statistics.median(with_f):,.0f} | {statistics.median(without):,.0f} | \
{statistics.median(with_f) / statistics.median(without):.2f}x |
| the checks on one request, alone | {checks:.1f} us | | {checks / per_ticket:.1%} of a ticket's {per_ticket:.0f} us |

The whole-service ratio moves with the machine's load (other processes share its 2 cores); the
cost of the checks measured alone, against a ticket's time in the same run, is the steadier figure.
"""
    out = ROOT / "docs" / "benchmarks" / "security.md"
    out.write_text(page, "utf-8")
    print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
