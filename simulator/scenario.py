"""What a simulated day is made of: who arrives when, for what, how long each takes, and
which windows are open with which groups and breaks. Draws are from one seeded numpy
Generator, so a seed fixes the day; the same arrivals can be replayed under other staffing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from hallcore import appointments
from hallcore.config import HallConfig
from simulator.engine import Arrival, Break
from simulator.profile import Rates
from simulator.service import ServiceDist

FIRST_DAY = date(2025, 3, 3)  # simulated days are 2025-03-03, -04, ...: a Monday onwards
PRIORITIES = (("elderly", 0.06), ("disabled", 0.01), ("pregnant", 0.01))


@dataclass(frozen=True, slots=True)
class Behaviour:
    """Citizens and clerks: shares are of all tickets."""

    priority_shares: Sequence[tuple[str, float]] = PRIORITIES
    appointment_share: float = 0.05  # needs the hall's appointment key; else ignored
    no_show_share: float = 0.05  # called but never come
    no_show_wait_s: float = 60.0  # the window waits this long, then marks a no-show
    walk_s: float = 15.0  # from the call to the window


ERLANG = Behaviour(priority_shares=(), appointment_share=0.0, no_show_share=0.0, walk_s=0.0)


@dataclass(frozen=True, slots=True)
class Staffing:
    assignment: Mapping[str, tuple[str, ...]]  # window -> groups
    open: frozenset[str]
    breaks: tuple[tuple[str, float, float], ...] = field(default=())  # window, local hour (float), minutes


def midnight(config: HallConfig, day_index: int) -> float:
    d = FIRST_DAY + timedelta(days=day_index)
    return datetime(d.year, d.month, d.day, tzinfo=ZoneInfo(config.timezone)).timestamp()


def as_configured(config: HallConfig) -> Staffing:
    return Staffing({w.id: w.groups for w in config.windows}, frozenset(w.id for w in config.windows))


def lunch_breaks(staffing: Staffing, start_hour: float = 11.5, minutes: float = 40.0,
                 shifts: int = 3) -> Staffing:
    """Lunch in rotation: window i breaks in shift i mod `shifts`, `minutes` long each."""
    ids = sorted(staffing.open)
    b = tuple((w, start_hour + (i % shifts) * minutes / 60, minutes) for i, w in enumerate(ids))
    return replace(staffing, breaks=b)


def draw_arrivals(config: HallConfig, rates: Rates, service: Mapping[str, ServiceDist],
                  behaviour: Behaviour, rng: np.random.Generator, day0: float) -> list[Arrival]:
    """A non-homogeneous Poisson day: per (hour, matter), a Poisson count spread uniformly."""
    times: list[np.ndarray] = []
    matters: list[str] = []
    for (hour, matter), rate in sorted(rates.items()):
        n = int(rng.poisson(rate)) if rate > 0 else 0
        if n:
            times.append(day0 + 3600 * (hour + rng.random(n)))
            matters += [matter] * n
    if not matters:
        return []
    at = np.concatenate(times)
    order = np.argsort(at, kind="stable")
    n = len(matters)
    svc = np.empty(n)
    by_matter: dict[str, list[int]] = {}
    for i, m in enumerate(matters):
        by_matter.setdefault(m, []).append(i)
    for m, idx in sorted(by_matter.items()):
        svc[idx] = service[m].draw(rng, len(idx))
    u_prio, u_show = rng.random(n), rng.random(n)
    nonces = rng.integers(0, 2**32, n)
    names = [name for name, _ in behaviour.priority_shares] + ["appointment", "none"]
    cuts = list(np.cumsum([s for _, s in behaviour.priority_shares]))
    cuts.append((cuts[-1] if cuts else 0.0) + (behaviour.appointment_share if config.appointment_key else 0.0))
    kind = np.searchsorted(np.array(cuts), u_prio, side="right")
    tz = ZoneInfo(config.timezone)
    out = []
    for i, at_i, k, show in zip(order.tolist(), at[order].tolist(), kind[order].tolist(),
                                (u_show[order] < behaviour.no_show_share).tolist(), strict=True):
        prio, code = names[k], None
        if prio == "appointment":
            prio, code = "none", _appointment(config, matters[i], at_i, int(nonces[i]), tz)
        out.append(Arrival(at_i, matters[i], prio, float(svc[i]), show, code))
    return out


def _appointment(config: HallConfig, matter: str, at: float, nonce: int, tz: ZoneInfo) -> str:
    slot = datetime.fromtimestamp(at - at % 900, tz)  # booked for the quarter hour they came in
    return appointments.issue(config.appointment_key, config.id, matter, slot, nonce=f"{nonce:08x}")


def day_breaks(staffing: Staffing, day0: float) -> list[Break]:
    return [Break(w, day0 + hour * 3600, minutes * 60) for w, hour, minutes in staffing.breaks
            if w in staffing.open]



def scaled(config: HallConfig, copies: int) -> HallConfig:
    """The same hall with `copies` of every window (win-01, win-01-2, ...), for capacity studies."""
    if copies <= 1:
        return config
    windows = [replace(w, id=w.id if k == 1 else f"{w.id}-{k}", evaluator=None)
               for w in config.windows for k in range(1, copies + 1)]
    return replace(config, windows=tuple(windows), devices={**config.devices, **{w.id: "window" for w in windows}})
