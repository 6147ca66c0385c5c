"""The day's figures, from the day's tickets and ratings: a pure function, so the server,
the simulator and the manager's CSV export all count the same way."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from hallcore.model import Evaluation, Status, Ticket

BAD_SCORE = 2  # 1 and 2 are bad ratings: each is followed up


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def _figures(tickets: list[Ticket], evals: list[Evaluation], service_level_s: float) -> dict[str, Any]:
    waits = [t.called_at - t.issued_at for t in tickets if t.called_at is not None]
    services = [t.finished_at - (t.served_at or t.called_at or t.finished_at)
                for t in tickets if t.status is Status.DONE and t.finished_at is not None]
    scores = [e.score for e in evals]
    return {
        "issued": len(tickets),
        "served": sum(1 for t in tickets if t.status is Status.DONE),
        "no_shows": sum(1 for t in tickets if t.status is Status.NO_SHOW),
        "transferred": sum(1 for t in tickets if t.status is Status.TRANSFERRED),
        "waiting": sum(1 for t in tickets if t.status in (Status.WAITING, Status.TRANSFERRED)),
        "cancelled": sum(1 for t in tickets if t.status is Status.CANCELLED),
        "wait_mean_s": _r(_mean(waits)), "wait_p90_s": _r(percentile(waits, 90)),
        "service_mean_s": _r(_mean(services)), "service_p90_s": _r(percentile(services, 90)),
        "service_level": _r(100 * sum(1 for w in waits if w <= service_level_s) / len(waits)) if waits else None,
        "ratings": len(scores), "rating_mean": _r(_mean([float(s) for s in scores])),
        "bad_ratings": sum(1 for s in scores if s <= BAD_SCORE),
    }


def _split(tickets: Iterable[Ticket], evals: Iterable[Evaluation], key_t: Callable[[Ticket], str | None],
           key_e: Callable[[Evaluation], str], level: float) -> dict[str, dict[str, Any]]:
    tb: dict[str, list[Ticket]] = defaultdict(list)
    eb: dict[str, list[Evaluation]] = defaultdict(list)
    for t in tickets:
        k = key_t(t)
        if k is not None:
            tb[k].append(t)
    for e in evals:
        eb[key_e(e)].append(e)
    return {k: _figures(tb[k], eb[k], level) for k in sorted(set(tb) | set(eb))}


def day_report(day: str, tickets: list[Ticket], evals: list[Evaluation], service_level_s: float,
               hour_of: Callable[[float], int]) -> dict[str, Any]:
    by_hour: dict[int, list[float]] = defaultdict(list)
    arrivals: dict[int, int] = defaultdict(int)
    for t in tickets:
        arrivals[hour_of(t.issued_at)] += 1
        if t.called_at is not None:
            by_hour[hour_of(t.issued_at)].append(t.called_at - t.issued_at)
    group_of = {t.id: t.group for t in tickets}
    return {
        "date": day,
        "totals": _figures(tickets, evals, service_level_s),
        "groups": _split(tickets, evals, lambda t: t.group, lambda e: group_of.get(e.ticket, "?"), service_level_s),
        "windows": _split(tickets, evals, lambda t: t.window, lambda e: e.window, service_level_s),
        "hours": [{"hour": h, "arrivals": arrivals[h], "wait_mean_s": _r(_mean(by_hour[h]))}
                  for h in sorted(arrivals)],
    }
