"""How well a number of windows serves one group over the next hours: a fast analytic model
(a fluid backlog plus Erlang C once it is cleared), so a search can score thousands of staffings.

The simulator (simulator/planner.py) then checks the few the search keeps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulator.erlang import erlang_c, mean_wait_s

SAMPLES = 24  # arrival times looked at across the horizon
UNSERVED_S = 4 * 3600.0  # what a wait counts when no window serves the group (it has no end)


@dataclass(frozen=True, slots=True)
class Demand:
    waiting: int  # now
    arrivals_per_h: float
    service_s: float


@dataclass(frozen=True, slots=True)
class Score:
    tickets: float  # waiting now plus arriving within the horizon
    mean_wait_s: float
    within_target: float  # share called within the target wait (0..1)


def score(d: Demand, windows: int, horizon_s: float, target_s: float) -> Score:
    lam = max(0.0, d.arrivals_per_h) / 3600
    n_arrive = lam * horizon_s
    total = d.waiting + n_arrive
    if total <= 0:
        return Score(0.0, 0.0, 1.0)
    if windows <= 0:
        return Score(total, UNSERVED_S, 0.0)
    mu = windows / d.service_s  # tickets a second the windows clear together
    # the backlog: its k-th ticket waits k / mu more (it has already waited; only the rest counts)
    back_mean = d.waiting / (2 * mu)
    back_within = min(1.0, target_s * mu / d.waiting) if d.waiting else 1.0
    steady = lam < mu
    tail_c = erlang_c(windows, lam * d.service_s) if steady else 1.0
    wq = mean_wait_s(windows, lam, d.service_s) if steady else 0.0
    arr_sum = arr_within = 0.0
    for i in range(SAMPLES):
        t = (i + 0.5) * horizon_s / SAMPLES
        queue = max(0.0, d.waiting + (lam - mu) * t)  # fluid backlog when this citizen arrives
        w = queue / mu + (wq if queue == 0 else 0.0)
        arr_sum += w
        if queue > 0:
            arr_within += 1.0 if w <= target_s else 0.0
        else:
            arr_within += 1 - tail_c * math.exp(-(mu - lam) * target_s) if steady else 0.0
    arr_mean, arr_share = arr_sum / SAMPLES, arr_within / SAMPLES
    mean = (d.waiting * back_mean + n_arrive * arr_mean) / total
    share = (d.waiting * back_within + n_arrive * arr_share) / total
    return Score(total, mean, share)
