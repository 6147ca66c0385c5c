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


def was_transferred(t: Ticket) -> bool:
    """Transferred at least once today: a transfer re-queues the ticket (queued_at moves on from
    issued_at) and the status goes back to waiting once it is called again, so the status alone
    forgets it."""
    return t.status is Status.TRANSFERRED or t.queued_at > t.issued_at


def _figures(tickets: list[Ticket], evals: list[Evaluation], service_level_s: float,
             issued: list[Ticket] | None = None) -> dict[str, Any]:
    """`tickets` ended here (served, waiting…); `issued` were issued here (default the same)."""
    waits = [t.called_at - t.issued_at for t in tickets if t.called_at is not None]
    services = [t.finished_at - (t.served_at or t.called_at or t.finished_at)
                for t in tickets if t.status is Status.DONE and t.finished_at is not None]
    scores = [e.score for e in evals]
    born = tickets if issued is None else issued
    return {
        "issued": len(born),
        "served": sum(1 for t in tickets if t.status is Status.DONE),
        "no_shows": sum(1 for t in tickets if t.status is Status.NO_SHOW),
        "transferred": sum(1 for t in born if was_transferred(t)),
        "waiting": sum(1 for t in tickets if t.status in (Status.WAITING, Status.TRANSFERRED)),
        "cancelled": sum(1 for t in tickets if t.status is Status.CANCELLED),
        "wait_mean_s": _r(_mean(waits)), "wait_p90_s": _r(percentile(waits, 90)),
        "service_mean_s": _r(_mean(services)), "service_p90_s": _r(percentile(services, 90)),
        "service_level": _r(100 * sum(1 for w in waits if w <= service_level_s) / len(waits)) if waits else None,
        "ratings": len(scores), "rating_mean": _r(_mean([float(s) for s in scores])),
        "bad_ratings": sum(1 for s in scores if s <= BAD_SCORE),
    }


def _split(tickets: Iterable[Ticket], evals: Iterable[Evaluation], key_t: Callable[[Ticket], str | None],
           key_e: Callable[[Evaluation], str], level: float,
           born_t: Callable[[Ticket], str | None] | None = None) -> dict[str, dict[str, Any]]:
    tb: dict[str, list[Ticket]] = defaultdict(list)
    bb: dict[str, list[Ticket]] = defaultdict(list)
    eb: dict[str, list[Evaluation]] = defaultdict(list)
    for t in tickets:
        k = key_t(t)
        if k is not None:
            tb[k].append(t)
        b = k if born_t is None else born_t(t)
        if b is not None:
            bb[b].append(t)
    for e in evals:
        eb[key_e(e)].append(e)
    keys = sorted(set(tb) | set(eb) | set(bb))
    return {k: _figures(tb[k], eb[k], level, bb[k] if born_t is not None else None) for k in keys}


def day_report(day: str, tickets: list[Ticket], evals: list[Evaluation], service_level_s: float,
               hour_of: Callable[[float], int], group_of_matter: Callable[[str], str | None] | None = None
               ) -> dict[str, Any]:
    """A group's `issued` and `transferred` count the tickets issued in it (by their matter's
    group: a transfer changes the ticket's group), its other figures the tickets that ended in
    it; a rating goes to the group the ticket was in at the rated window. A window's
    `transferred` counts the tickets it ended with that came by a transfer."""
    by_hour: dict[int, list[float]] = defaultdict(list)
    arrivals: dict[int, int] = defaultdict(int)
    for t in tickets:
        arrivals[hour_of(t.issued_at)] += 1
        if t.called_at is not None:
            by_hour[hour_of(t.issued_at)].append(t.called_at - t.issued_at)
    def born(t: Ticket) -> str:
        return (group_of_matter(t.matter) if group_of_matter is not None else None) or t.group

    by_id = {t.id: t for t in tickets}

    def rated_in(e: Evaluation) -> str:
        t = by_id.get(e.ticket)
        if t is None:
            return "?"
        return t.group if e.window == t.window else born(t)  # rated at an earlier window: before the transfer

    return {
        "date": day,
        "totals": _figures(tickets, evals, service_level_s),
        "groups": _split(tickets, evals, lambda t: t.group, rated_in, service_level_s, born),
        "windows": _split(tickets, evals, lambda t: t.window, lambda e: e.window, service_level_s),
        "hours": [{"hour": h, "arrivals": arrivals[h], "wait_mean_s": _r(_mean(by_hour[h]))}
                  for h in sorted(arrivals)],
    }
