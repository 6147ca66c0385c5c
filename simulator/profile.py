"""Arrival rates: per hour of the local day and per matter, in tickets per hour.

`Rates` maps (hour, matter) to a rate. The default day has a morning and an afternoon
peak; the default mix gives each group a share of arrivals in proportion to the window
capacity the hall gives it, spread evenly over the group's matters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from hallcore.config import HallConfig

Rates = Mapping[tuple[int, str], float]

# share of a day's arrivals per opening hour (09:00-17:00); mean 1.0
DAY_SHAPE: dict[int, float] = {9: 1.3, 10: 1.5, 11: 1.1, 12: 0.5, 13: 0.8, 14: 1.3, 15: 1.0, 16: 0.5}
OPEN_HOUR, CLOSE_HOUR = min(DAY_SHAPE), max(DAY_SHAPE) + 1
DEFAULT_LOAD = 0.8  # default --rate: this share of the hall's capacity, on average over the day


def service_s(config: HallConfig, matter: str) -> float:
    """The catalog's expected service time of a matter (its own, else its group's)."""
    m = next(m for m in config.matters if m.code == matter)
    if m.service_s:
        return m.service_s
    return next(g.service_s for g in config.groups if g.code == m.group)


def group_capacity(config: HallConfig) -> dict[str, float]:
    """Windows per group, a window shared by k groups counting 1/k to each."""
    cap: dict[str, float] = defaultdict(float)
    for w in config.windows:
        for g in w.groups:
            cap[g] += 1 / len(w.groups)
    return dict(cap)


def default_mix(config: HallConfig) -> dict[str, float]:
    """Share of arrivals per matter: groups in proportion to capacity / service time."""
    cap = group_capacity(config)
    by_group: dict[str, list[str]] = defaultdict(list)
    for matter in config.matters:
        by_group[matter.group].append(matter.code)
    weight: dict[str, float] = {}
    for g, codes in by_group.items():
        mean_svc = sum(service_s(config, c) for c in codes) / len(codes)
        for c in codes:
            weight[c] = cap.get(g, 0.0) / mean_svc / len(codes)
    total = sum(weight.values())
    if total <= 0:
        return {m.code: 1 / len(config.matters) for m in config.matters}
    return {m: w / total for m, w in weight.items()}


def capacity_per_hour(config: HallConfig, mix: Mapping[str, float]) -> float:
    """Tickets an hour all windows can serve at this mix."""
    mean_svc = sum(share * service_s(config, m) for m, share in mix.items())
    return len(config.windows) * 3600 / mean_svc if mean_svc > 0 else 0.0


def default_rate(config: HallConfig) -> float:
    return round(DEFAULT_LOAD * capacity_per_hour(config, default_mix(config)), 1)


def day_profile(config: HallConfig, per_hour: float, mix: Mapping[str, float] | None = None,
                shape: Mapping[int, float] = DAY_SHAPE) -> dict[tuple[int, str], float]:
    """Rates for a day averaging `per_hour` tickets an hour over the opening hours."""
    mix = default_mix(config) if mix is None else mix
    mean_shape = sum(shape.values()) / len(shape)
    return {(h, m): per_hour * s / mean_shape * share
            for h, s in shape.items() for m, share in mix.items() if share > 0}


def daily_total(rates: Rates) -> float:
    return sum(rates.values())


def hours_of(rates: Rates) -> tuple[int, int]:
    """First opening hour and the hour after the last one with arrivals."""
    hours = [h for (h, _), r in rates.items() if r > 0]
    return (min(hours), max(hours) + 1) if hours else (OPEN_HOUR, CLOSE_HOUR)
