"""What-if planner: each group's wait over the next hour, for the current window assignment
and for a proposed one, by running the simulator from the hall's present state.

Pure: `predict(config, state, proposed)` reads nothing and writes nothing. See docs/simulator.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from hallcore.config import HallConfig
from hallcore.report import percentile
from simulator.engine import Arrival, InService, Start, run
from simulator.errors import SimInputError
from simulator.service import DEFAULT_CV, lognormal

TAIL_S = 2 * 3600.0  # keep simulating this long after the horizon, so late arrivals get called


@dataclass(frozen=True, slots=True)
class GroupNow:
    waiting: int = 0
    longest_wait_s: float = 0.0  # the others' ages are taken as spread evenly below it
    arrivals_per_h: float = 0.0
    service_s: float | None = None  # mean service time; None: the catalog's


@dataclass(frozen=True, slots=True)
class WindowNow:
    status: str = "open"  # open | paused | closed; paused and closed windows call nobody this hour
    groups: tuple[str, ...] = ()
    busy: bool = False  # a ticket is at the window now


@dataclass(frozen=True, slots=True)
class HallState:
    at: float  # epoch seconds of the snapshot
    groups: Mapping[str, GroupNow]
    windows: Mapping[str, WindowNow]


@dataclass(frozen=True, slots=True)
class Forecast:
    mean_s: float | None
    p90_s: float | None
    tickets: float  # waiting now plus arriving within the horizon, per run


@dataclass(frozen=True, slots=True)
class GroupPlan:
    group: str
    current: Forecast
    proposed: Forecast


def check_assignment(config: HallConfig, proposed: Mapping[str, Sequence[str]]) -> None:
    windows, groups = {w.id for w in config.windows}, {g.code for g in config.groups}
    for w, gs in proposed.items():
        if w not in windows:
            raise SimInputError(f"unknown window {w!r} (this hall has {', '.join(sorted(windows))})")
        if not gs:
            raise SimInputError(f"window {w!r}: give at least one group")
        for g in gs:
            if g not in groups:
                raise SimInputError(f"window {w!r}: unknown group {g!r} (groups: {', '.join(sorted(groups))})")


def predict(config: HallConfig, state: HallState, proposed: Mapping[str, Sequence[str]] | None = None, *,
            horizon_s: float = 3600.0, runs: int = 8, seed: int = 0) -> dict[str, GroupPlan]:
    """Per group, the predicted mean and p90 wait (issue to call) of everyone waiting now or
    arriving within `horizon_s`, under the current assignment and under `proposed`
    (window -> groups; a window named there is counted open). Averaged over `runs` seeded
    runs; both assignments see the same citizens in each run."""
    proposed = dict(proposed or {})
    check_assignment(config, proposed)
    check_assignment(config, {w: s.groups for w, s in state.windows.items()})
    current = {w: s.groups for w, s in state.windows.items() if s.groups}
    opened = frozenset(w for w, s in state.windows.items() if s.status == "open")
    after = {**current, **{w: tuple(gs) for w, gs in proposed.items()}}
    waits_now = _waits(config, state, current, opened, horizon_s, runs, seed)
    waits_new = _waits(config, state, after, opened | set(proposed), horizon_s, runs, seed)
    return {g.code: GroupPlan(g.code, _forecast(waits_now[g.code], runs), _forecast(waits_new[g.code], runs))
            for g in config.groups}


def forecasts(config: HallConfig, state: HallState, assignment: Mapping[str, Sequence[str]], opened: frozenset[str],
              horizon_s: float = 3600.0, runs: int = 8, seed: int = 0) -> dict[str, Forecast]:
    """Per group, the forecast for exactly these windows open with these groups (simulator/propose.py)."""
    waits = _waits(config, state, assignment, opened, horizon_s, runs, seed)
    return {g.code: _forecast(waits[g.code], runs) for g in config.groups}


def _forecast(waits: list[float], runs: int) -> Forecast:
    mean = sum(waits) / len(waits) if waits else None
    return Forecast(mean, percentile(waits, 90), len(waits) / runs)


def _waits(config: HallConfig, state: HallState, assignment: Mapping[str, Sequence[str]],
           opened: frozenset[str], horizon_s: float, runs: int, seed: int) -> dict[str, list[float]]:
    at = state.at
    tz = ZoneInfo(config.timezone)
    day0 = datetime.fromtimestamp(at, tz).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    until = min(at + horizon_s + TAIL_S, day0 + 86400 - 1)  # the hall rolls its day at midnight
    first_matter: dict[str, str] = {}
    for m in config.matters:
        first_matter.setdefault(m.group, m.code)
    mean_svc = {g.code: (state.groups.get(g.code) or GroupNow()).service_s or g.service_s for g in config.groups}
    dists = {g: lognormal(s, DEFAULT_CV) for g, s in mean_svc.items()}
    out: dict[str, list[float]] = {g.code: [] for g in config.groups}
    for k in range(runs):
        rng = np.random.default_rng([seed, k])
        waiting: list[Arrival] = []
        arrivals: list[Arrival] = []
        for g, now in sorted(state.groups.items()):
            if g not in first_matter:
                continue
            n = max(0, now.waiting)
            ages = [now.longest_wait_s * (n - i) / n for i in range(n)]
            waiting += [Arrival(max(day0, at - a), first_matter[g], service_s=float(s))
                        for a, s in zip(ages, dists[g].draw(rng, n), strict=True)]
            count = int(rng.poisson(max(0.0, now.arrivals_per_h) * (until - at) / 3600))
            times = at + rng.random(count) * (until - at)
            arrivals += [Arrival(float(t), first_matter[g], service_s=float(s))
                         for t, s in zip(times, dists[g].draw(rng, count), strict=True)]
        waiting.sort(key=lambda a: a.at)
        arrivals.sort(key=lambda a: a.at)
        busy = []
        for w, s in sorted(state.windows.items()):
            gs = [g for g in assignment.get(w, ()) if g in first_matter]
            if s.busy and w in opened and gs:
                busy.append(InService(w, first_matter[gs[0]], float(rng.exponential(mean_svc[gs[0]]))))
        start = Start(at, {w: tuple(gs) for w, gs in assignment.items()}, opened, waiting, busy)
        o = run(config, start, arrivals, walk_s=15.0, no_show_wait_s=60.0, day0=day0,
                close_at=at + horizon_s, until=until)
        for t in o.tickets:
            if t.id in o.unmeasured or t.issued_at >= at + horizon_s:
                continue
            out[t.group].append((t.called_at if t.called_at is not None else until) - t.issued_at)
    return out
