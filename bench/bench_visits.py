"""Time `hall.report`'s `visits` (跑动次数) for a big day; write docs/benchmarks/visits.md.

Run from the repository root: `.venv/bin/python bench/bench_visits.py`. The day: 5,000 visits with
12,000 matters (one to five each, packages among them), every matter with an outcome, 3,000
citizen keys, a third of the matters asked again inside the window; the window holds 30 earlier
days of 2,000 visits each (60,000 rows). Baseline, in the same run: the v1 day report
(`hallcore.report.day_report`) over the same 5,000 tickets.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from hallcore import visit_ops  # noqa: E402
from hallcore.hall import Hall  # noqa: E402
from hallcore.hallfile import load_hall  # noqa: E402
from hallcore.model import Priority, Status, Ticket  # noqa: E402
from hallcore.report import day_report  # noqa: E402
from hallcore.visits import Outcome, Result, VisitRow  # noqa: E402

AT = 1764550800.0  # 2025-12-01 09:00 in Shanghai
DAY = "2025-12-01"
VISITS, MATTERS, KEYS, EARLIER_DAYS, EARLIER_PER_DAY = 5000, 12000, 3000, 30, 2000
LIMIT_S = 1.0
REPEATS = 5


def outcome(rng: random.Random) -> Outcome:
    r = rng.choice([Result.ACCEPTED] * 6 + [Result.INCOMPLETE, Result.INCOMPLETE, Result.REJECTED, Result.REFERRED])
    if r is Result.INCOMPLETE:
        return Outcome(r, (rng.choice(["户口簿（原件）", "居民身份证（原件）", "房屋买卖合同", "结婚证"]),))
    return Outcome(r, (), "理由" if r is Result.REJECTED else None, f"c{rng.random()}" if r is Result.ACCEPTED else None)


def build() -> Hall:
    rng = random.Random(7)
    hall = Hall(load_hall("demo"))
    hall.roll_day(AT)
    codes = [m.code for m in hall.config.matters]
    sizes = [1] * VISITS
    extra = MATTERS - VISITS
    while extra:  # spread 7,000 more matters over the visits, at most five each
        i = rng.randrange(VISITS)
        if sizes[i] < 5:
            sizes[i] += 1
            extra -= 1
    for i, n in enumerate(sizes):
        ms = tuple(rng.sample(codes, n))
        t = Ticket(id=f"20251201-A{i:05d}", day=DAY, number=f"A{i:05d}", matter=ms[0], group="comprehensive",
                   priority=Priority.NONE, issued_at=AT + i * 5, status=Status.DONE, called_at=AT + i * 5 + 300,
                   served_at=AT + i * 5 + 300, finished_at=AT + i * 5 + 900, window="win-01",
                   citizen_key=f"{rng.randrange(KEYS):064x}", matters=ms,
                   outcomes={m: outcome(rng) for m in ms})
        hall.tickets[t.id] = t
    for d in range(1, EARLIER_DAYS + 1):
        for j in range(EARLIER_PER_DAY):
            ms = (rng.choice(codes),)
            hall.visit_log.append(VisitRow(f"e{d}-{j}", f"2025-11-{31 - d:02d}" if d < 31 else "2025-10-31",
                                           AT - d * 86400 + j, f"{rng.randrange(KEYS):064x}", ms,
                                           {ms[0]: outcome(rng)}))
    return hall


def timed(fn: object) -> list[float]:
    out = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    hall = build()
    tickets = list(hall.tickets.values())
    figures = visit_ops.report(hall, DAY)
    assert figures["count"] == VISITS and figures["matters"] == MATTERS, figures
    visits = timed(lambda: visit_ops.report(hall, DAY))
    base = timed(lambda: day_report(DAY, tickets, [], 900.0, hall.time.hour))
    mv, mb = statistics.median(visits), statistics.median(base)
    lines = ["# Benchmark: the visits report (跑动次数)", "", f"Machine: {describe()}", "",
             f"`bench/bench_visits.py`, median and max of {REPEATS} runs, one process. A day of {VISITS:,} visits "
             f"with {MATTERS:,} matters (1 to 5 each), every matter with an outcome, {KEYS:,} citizen keys; the "
             f"window holds {EARLIER_DAYS} earlier days of {EARLIER_PER_DAY:,} visits "
             f"({EARLIER_DAYS * EARLIER_PER_DAY:,} rows).", "",
             "| step | median s | max s |", "| --- | ---: | ---: |",
             f"| `visits` figures (`hallcore.visit_ops.report`) | {mv:.3f} | {max(visits):.3f} |",
             f"| baseline: the v1 day report over the same {VISITS:,} tickets | {mb:.3f} | {max(base):.3f} |", "",
             f"Ratio visits / v1 report: {mv / mb:.1f}x.",
             f"Target: <= {LIMIT_S:g} s: {'within' if max(visits) <= LIMIT_S else 'NOT within'} "
             f"(max {max(visits):.3f} s). one_visit_share in this synthetic day: {figures['one_visit_share']}.", ""]
    out = ROOT / "docs" / "benchmarks" / "visits.md"
    out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
