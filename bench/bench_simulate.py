"""Time a 20,000-ticket simulated day against a 2,000-ticket baseline; write docs/benchmarks/simulate.md.

Run from the repository root: `.venv/bin/python bench/bench_simulate.py`. Both days use the
demo hall with every window copied (40 and 4 copies), at the same load (about 0.7), with the
default day profile, lunch breaks, no-shows and priorities: the full engine on the real Hall.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import cpu_model  # noqa: E402
from hallcore.hallfile import load_hall  # noqa: E402
from simulator.days import DayPlan, simulate  # noqa: E402
from simulator.metrics import summarize  # noqa: E402
from simulator.profile import day_profile  # noqa: E402
from simulator.scenario import as_configured, lunch_breaks, scaled  # noqa: E402
from simulator.service import catalog_service  # noqa: E402

LIMIT_S = 10.0
REPEATS = 3


def time_day(copies: int, per_hour: float) -> tuple[int, list[float], float]:
    config = scaled(load_hall("demo"), copies)
    plan = DayPlan(config, day_profile(config, per_hour), catalog_service(config))
    staff = [lunch_breaks(as_configured(config))]
    runs, tickets, report_s = [], 0, 0.0
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        [[day]] = simulate(plan, staff, days=1, seed=1)
        runs.append(time.perf_counter() - t0)
        t1 = time.perf_counter()
        summarize(config, [day])
        report_s = time.perf_counter() - t1
        tickets = len(day.tickets)
    return tickets, runs, report_s


def main() -> int:
    big = time_day(40, 2500.0)
    small = time_day(4, 250.0)
    rows = []
    for name, (n, runs, rep) in (("baseline", small), ("20,000-ticket day", big)):
        rows.append((name, n, min(runs), statistics.median(runs), rep, 1e6 * min(runs) / n))
    ratio = rows[1][2] / rows[0][2]
    machine = f"{platform.platform()}; CPU {cpu_model()}; {os.cpu_count()} cores; Python {platform.python_version()}"
    lines = ["# Benchmark: simulated day", "", f"Machine: {machine}", "",
             f"`bench/bench_simulate.py`, best and median of {REPEATS} runs, one process. Demo hall with every "
             "window copied (4 and 40 copies), default day profile, lunch breaks, no-shows, priorities.", "",
             "| day | tickets | best s | median s | report s | us/ticket |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[4]:.2f} | {r[5]:.0f} |" for r in rows]
    verdict = "within" if rows[1][3] <= LIMIT_S else "OVER"
    lines += ["", f"Ratio 20,000 / baseline (best): {ratio:.1f}x for {rows[1][1] / rows[0][1]:.1f}x the tickets.",
              f"Target: a 20,000-ticket day in <= {LIMIT_S:g} s: {verdict} (median {rows[1][3]:.2f} s)."]
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "docs" / "benchmarks" / "simulate.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"wrote {out}")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
