"""Run whole days: draw each day's arrivals from the seed, then replay them under one or
more staffings (so pooled and dedicated windows see exactly the same citizens)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from hallcore.config import HallConfig
from simulator.engine import Outcome, Start, run
from simulator.profile import Rates
from simulator.scenario import Behaviour, Staffing, day_breaks, draw_arrivals, midnight
from simulator.service import ServiceDist

DAY_END_S = 86400 - 1  # a day never runs past local midnight: the hall would roll its day


@dataclass(frozen=True, slots=True)
class DayPlan:
    config: HallConfig
    rates: Rates
    service: Mapping[str, ServiceDist]
    behaviour: Behaviour = Behaviour()


def simulate(plan: DayPlan, staffings: Sequence[Staffing], days: int = 1, seed: int = 0,
             open_hour: int | None = None, close_hour: int | None = None,
             workers: int = 1) -> list[list[Outcome]]:
    """For each staffing, the outcomes of `days` days; day d has the same arrivals under each.

    Day d draws from its own generator seeded with (seed, d), so a day is the same whatever
    the number of days or `workers` (processes; 1 runs in this one).
    """
    hours = [h for (h, _), r in plan.rates.items() if r > 0]
    first = min(hours) if open_hour is None else open_hour
    last = max(hours) + 1 if close_hour is None else close_hour
    jobs = [(plan, tuple(staffings), seed, d, first, last) for d in range(days)]
    if workers > 1 and days > 1:
        with ProcessPoolExecutor(min(workers, days)) as pool:
            per_day = list(pool.map(_one_day, jobs))
    else:
        per_day = [_one_day(job) for job in jobs]
    return [[day[k] for day in per_day] for k in range(len(staffings))]


def _one_day(job: tuple[DayPlan, tuple[Staffing, ...], int, int, int, int]) -> list[Outcome]:
    plan, staffings, seed, d, first, last = job
    b = plan.behaviour
    day0 = midnight(plan.config, d)
    arrivals = draw_arrivals(plan.config, plan.rates, plan.service, b, np.random.default_rng([seed, d]), day0)
    out = []
    for staffing in staffings:
        start = Start(day0 + first * 3600, staffing.assignment, staffing.open)
        out.append(run(plan.config, start, arrivals, day_breaks(staffing, day0), walk_s=b.walk_s,
                       no_show_wait_s=b.no_show_wait_s, day0=day0, close_at=day0 + last * 3600,
                       until=day0 + DAY_END_S))
    return out


def pooled(staffing: Staffing, config: HallConfig) -> Staffing:
    """The same windows, each serving every group."""
    every = tuple(g.code for g in config.groups)
    return replace(staffing, assignment={w: every for w in staffing.assignment})


def dedicated(staffing: Staffing, config: HallConfig) -> Staffing:
    """The same windows, each serving only its first group; a group left with no window
    takes back the window (among those that served it) whose first group has most windows."""
    first = {w: gs[0] for w, gs in staffing.assignment.items() if gs}
    for g in (x.code for x in config.groups):
        if g in first.values():
            continue
        candidates = [w for w, gs in staffing.assignment.items() if g in gs]
        if candidates:
            count = {k: list(first.values()).count(k) for k in set(first.values())}
            w = max(candidates, key=lambda w: (count.get(first[w], 0), w))
            first[w] = g
    return replace(staffing, assignment={w: (g,) for w, g in first.items()})
