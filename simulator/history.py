"""Learn arrivals and service times from past tickets, and read them from the server's store.

`learn` is pure: tickets in, arrival rates per (hour, matter) and a lognormal service-time
distribution per matter out. `read_tickets` opens the SQLite store read-only.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hallcore.model import Priority, Status, Ticket
from simulator.errors import SimInputError
from simulator.service import ServiceDist

MIN_SERVICES = 3  # fewer finished services than this: the matter keeps the catalog's time


@dataclass(frozen=True, slots=True)
class Learned:
    days: int
    rates: dict[tuple[int, str], float]  # (hour, matter) -> tickets per hour, averaged over the days
    service: dict[str, ServiceDist]  # matters with at least MIN_SERVICES finished services
    no_show_share: float | None  # of called tickets


def learn(tickets: Sequence[Ticket], hour_of: Callable[[float], int]) -> Learned:
    """Average arrivals per hour of day and matter over the days the tickets span; fit a
    lognormal to each matter's service times (serve to finish, or call to finish)."""
    days = len({t.day for t in tickets}) or 1
    counts: dict[tuple[int, str], int] = defaultdict(int)
    logs: dict[str, list[float]] = defaultdict(list)
    called = no_shows = 0
    for t in tickets:
        counts[(hour_of(t.issued_at), t.matter)] += 1
        if t.called_at is not None:
            called += 1
            no_shows += t.status is Status.NO_SHOW
        begun = t.served_at or t.called_at
        done = t.status is Status.DONE and t.finished_at is not None and begun is not None
        if done and t.finished_at is not None and begun is not None and t.finished_at > begun:
            logs[t.matter].append(math.log(t.finished_at - begun))
    service = {}
    for matter, xs in logs.items():
        if len(xs) >= MIN_SERVICES:
            mu = sum(xs) / len(xs)
            sigma = math.sqrt(sum((x - mu) ** 2 for x in xs) / (len(xs) - 1))
            service[matter] = ServiceDist("lognormal", math.exp(mu + sigma**2 / 2), sigma)
    return Learned(days, {k: n / days for k, n in sorted(counts.items())}, service,
                   no_shows / called if called else None)


def merge_service(catalog: dict[str, ServiceDist], learned: dict[str, ServiceDist]) -> dict[str, ServiceDist]:
    """Learned distributions where there are enough services, the catalog's elsewhere."""
    return {m: learned.get(m, d) for m, d in catalog.items()}


COLUMNS = "id, day, number, matter, grp, status, priority, issued_at, called_at, served_at, finished_at, window"


def _status(value: object) -> Status:
    try:
        return Status(str(value))
    except ValueError:
        return Status.DONE


def _priority(value: object) -> Priority:
    try:
        return Priority(str(value or "none"))
    except ValueError:
        return Priority.NONE


def read_tickets(path: str, since: float | None = None) -> list[Ticket]:
    """Past tickets from the server's store (table `tickets`), opened read-only."""
    if not Path(path).is_file():
        raise SimInputError(f"{path}: no such database file")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    query = f"SELECT {COLUMNS} FROM tickets"
    params: tuple[float, ...] = ()
    if since is not None:
        query, params = query + " WHERE issued_at >= ?", (since,)
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            rows = con.execute(query + " ORDER BY issued_at", params).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise SimInputError(f"{path}: cannot read table tickets: {exc}") from exc
    out = []
    for tid, day, number, matter, grp, status, prio, issued, called, served, finished, window in rows:
        if issued is None:
            continue
        out.append(Ticket(id=str(tid), day=str(day), number=str(number), matter=str(matter), group=str(grp),
                          priority=_priority(prio), issued_at=float(issued),
                          status=_status(status), called_at=_f(called), served_at=_f(served),
                          finished_at=_f(finished), window=window, queued_at=float(issued)))
    return out


def _f(x: float | int | str | None) -> float | None:
    return None if x is None else float(x)



def recent_by_group(tickets: Sequence[Ticket], at: float, window_s: float = 3600.0) -> tuple[dict[str, float],
                                                                                               dict[str, float]]:
    """Arrivals per hour per group over the `window_s` before `at`, and each group's mean
    service time over the given tickets (those with a finished service)."""
    arrived: dict[str, int] = defaultdict(int)
    spent: dict[str, list[float]] = defaultdict(list)
    for t in tickets:
        if at - window_s <= t.issued_at < at:
            arrived[t.group] += 1
        begun = t.served_at or t.called_at
        if t.status is Status.DONE and t.finished_at is not None and begun is not None and t.finished_at > begun:
            spent[t.group].append(t.finished_at - begun)
    rates = {g: n * 3600 / window_s for g, n in arrived.items()}
    return rates, {g: sum(xs) / len(xs) for g, xs in spent.items() if len(xs) >= MIN_SERVICES}
