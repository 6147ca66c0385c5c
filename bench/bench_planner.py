"""Time the proposing planner on a 20-window hall; write docs/benchmarks/planner.md.

Run from the repository root: `.venv/bin/python bench/bench_planner.py`. The hall: the demo's
12 windows doubled and cut to 20, a busy mid-morning (every group waiting, arrivals at the
default day profile's peak), half the windows open. Baseline, in the same run: one what-if
prediction of today's planner (`simulator.planner.predict`, current vs one proposed assignment).
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from hallcore.hallfile import load_hall  # noqa: E402
from simulator.planner import GroupNow, HallState, WindowNow, predict  # noqa: E402
from simulator.propose import Search, propose  # noqa: E402
from simulator.scenario import scaled  # noqa: E402

AT = 1741141800.0  # 2025-03-05 10:30 in Shanghai
REPEATS = 5
LIMIT_S = 2.0
RUNS = 4


def hall_and_state() -> tuple[object, HallState]:
    demo = load_hall("demo")
    config = replace(scaled(demo, 2), windows=scaled(demo, 2).windows[:20])
    rates = {"comprehensive": 70.0, "real_estate": 12.0, "provident_fund": 14.0, "enterprise": 6.0, "pickup": 25.0}
    groups = {g: GroupNow(int(r / 3), 900.0, r) for g, r in rates.items()}
    windows = {w.id: WindowNow("open" if i % 2 == 0 else "closed", w.groups, busy=i % 2 == 0)
               for i, w in enumerate(config.windows)}
    return config, HallState(AT, groups, windows)


def timed(fn: object) -> list[float]:
    out = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    config, state = hall_and_state()
    staff = 16
    search = timed(lambda: Search(config, state, staff, 3600.0).run(3))  # type: ignore[arg-type]
    full = timed(lambda: propose(config, state, staff, runs=RUNS))  # type: ignore[arg-type]
    base = timed(lambda: predict(config, state, {"win-02": ["comprehensive"]}, runs=RUNS))  # type: ignore[arg-type]
    s = Search(config, state, staff, 3600.0)  # type: ignore[arg-type]
    s.run(3)
    med = {k: statistics.median(v) for k, v in (("search", search), ("full", full), ("base", base))}
    lines = ["# Benchmark: proposing planner", "", f"Machine: {describe()}", "",
             f"`bench/bench_planner.py`, median and max of {REPEATS} runs, one process. A 20-window hall (the demo's "
             f"windows doubled, cut to 20), 10 open, {staff} clerks on duty, every group waiting, peak arrivals; "
             f"{RUNS} simulated runs per forecast.", "",
             "| step | median s | max s |", "| --- | ---: | ---: |",
             f"| search alone ({len(s.cache)} staffings scored) | {med['search']:.3f} | {max(search):.3f} |",
             f"| `propose`: search + simulated forecasts of current and top 3 | {med['full']:.3f} | {max(full):.3f} |",
             f"| baseline: one `predict` (current vs one assignment) | {med['base']:.3f} | {max(base):.3f} |", "",
             f"Ratio propose / one predict: {med['full'] / med['base']:.1f}x (it simulates 4 assignments, "
             "predict 2).",
             f"Target: the search in <= {LIMIT_S:g} s for a 20-window hall: "
             f"{'within' if max(search) <= LIMIT_S else 'NOT within'} (max {max(search):.3f} s); "
             f"with the forecasts {'within' if max(full) <= LIMIT_S else 'over'} (max {max(full):.2f} s).", ""]
    out = ROOT / "docs" / "benchmarks" / "planner.md"
    out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
