"""Figures of one or more simulated days: waits, service level and utilisation, in total,
per group, per hour of the day and per window. Waits and service level are counted by
`hallcore.report.day_report`, as the server counts a real day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hallcore.config import HallConfig
from hallcore.report import day_report, percentile
from simulator.engine import Outcome


@dataclass(frozen=True, slots=True)
class HourRow:
    hour: int
    arrivals: float  # per day
    wait_mean_s: float | None
    wait_p90_s: float | None
    service_level: float | None  # percent called within the policy's target
    utilisation: float | None  # percent of open window time spent with a ticket


@dataclass(frozen=True, slots=True)
class Summary:
    days: int
    totals: dict[str, Any]
    groups: dict[str, dict[str, Any]]  # day_report's figures, plus "work_share" (% of all window busy time)
    hours: list[HourRow]
    windows: dict[str, float]  # window -> utilisation percent


def _overlap_by_hour(spans: list[tuple[float, float]], day0: float, into: dict[int, float]) -> None:
    for a, b in spans:
        while a < b:
            hour = int((a - day0) // 3600)
            edge = min(b, day0 + (hour + 1) * 3600)
            into[hour] += edge - a
            a = edge


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def summarize(config: HallConfig, outcomes: Sequence[Outcome]) -> Summary:
    tickets = [t for o in outcomes for t in o.tickets if t.id not in o.unmeasured]
    level = config.policy.service_level_s
    day_of = {t.id: o.day0 for o in outcomes for t in o.tickets}
    rep = day_report(f"{len(outcomes)} simulated days", tickets, [], level,
                     lambda ts: 0)  # hours are counted below, per simulated day
    waits: dict[int, list[float]] = defaultdict(list)
    arrivals: dict[int, int] = defaultdict(int)
    for t in tickets:
        hour = int((t.issued_at - day_of[t.id]) // 3600)
        arrivals[hour] += 1
        if t.called_at is not None:
            waits[hour].append(t.called_at - t.issued_at)
    busy_h: dict[int, float] = defaultdict(float)
    open_h: dict[int, float] = defaultdict(float)
    busy_w: dict[str, float] = defaultdict(float)
    open_w: dict[str, float] = defaultdict(float)
    busy_g: dict[str, float] = defaultdict(float)
    for o in outcomes:
        _overlap_by_hour([(a, b) for _, _, a, b in o.busy], o.day0, busy_h)
        _overlap_by_hour([(a, b) for _, a, b in o.open_spans], o.day0, open_h)
        for w, g, a, b in o.busy:
            busy_w[w] += b - a
            busy_g[g] += b - a
        for w, a, b in o.open_spans:
            open_w[w] += b - a
    hours = []
    for h in sorted(set(arrivals) | {h for h, v in open_h.items() if v > 0}):
        ws = waits[h]
        hours.append(HourRow(h, round(arrivals[h] / max(1, len(outcomes)), 1),
                             _r(sum(ws) / len(ws)) if ws else None, _r(percentile(ws, 90)),
                             _r(100 * sum(1 for x in ws if x <= level) / len(ws)) if ws else None,
                             _r(100 * busy_h[h] / open_h[h]) if open_h[h] > 0 else None))
    total_busy = sum(busy_g.values())
    groups = {g: {**rep["groups"].get(g, {}), "work_share": _r(100 * busy_g[g] / total_busy) if total_busy else None}
              for g in (x.code for x in config.groups)}
    windows = {w.id: round(100 * busy_w[w.id] / open_w[w.id], 1) if open_w[w.id] else 0.0 for w in config.windows}
    totals = dict(rep["totals"])
    all_open = sum(open_w.values())
    totals["utilisation"] = _r(100 * total_busy / all_open) if all_open else None
    return Summary(len(outcomes), totals, groups, hours, windows)
