"""The what-if planner (simulator.planner) behind one function, when the simulator is installed.

`load_planner(config)` returns None when `simulator` cannot be imported; the console then
sends a reassignment without a prediction and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hallcore.config import HallConfig
from manager_console.model import PlanRow

log = logging.getLogger(__name__)
Planner = Callable[[dict[str, Any], dict[str, Any], float, Mapping[str, Sequence[str]]], tuple[PlanRow, ...]]


def load_planner(config: HallConfig, runs: int = 4) -> Planner | None:
    try:
        from simulator.live_state import state_from_payloads, with_rates
        from simulator.planner import predict
        from simulator.profile import day_profile, default_rate
    except ImportError as exc:
        log.warning("no planner (simulator not importable: %s): reassignments go without a prediction", exc)
        return None
    group_of = {m.code: m.group for m in config.matters}
    profile = day_profile(config, default_rate(config))

    def rates(at: float) -> dict[str, float]:
        """Arrivals per hour by group from the default day profile at this hour."""
        hour = datetime.fromtimestamp(at, ZoneInfo(config.timezone)).hour
        out: dict[str, float] = {}
        for (h, matter), r in profile.items():
            if h == hour:
                out[group_of[matter]] = out.get(group_of[matter], 0.0) + r
        return out

    def plan(queues: dict[str, Any], windows: dict[str, Any], at: float,
             proposed: Mapping[str, Sequence[str]]) -> tuple[PlanRow, ...]:
        state = with_rates(state_from_payloads(queues, windows, at), rates(at))
        plans = predict(config, state, proposed, runs=runs)
        return tuple(PlanRow(g, p.current.mean_s, p.current.p90_s, p.proposed.mean_s, p.proposed.p90_s)
                     for g, p in plans.items())

    return plan
