"""The simulator against queueing theory: M/M/c mean wait from Erlang C."""

from __future__ import annotations

import pytest

from simulator.days import DayPlan, simulate
from simulator.erlang import erlang_c, mean_wait_s
from simulator.scenario import ERLANG, Staffing
from simulator.service import ServiceDist
from tests.simulator.conftest import one_group_hall


def test_formula_known_values() -> None:
    assert erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: P(wait) = rho
    assert mean_wait_s(1, 0.5 / 60, 60) == pytest.approx(60.0)  # rho/(mu - lambda) = 0.5*60/0.5
    assert erlang_c(2, 1.6) == pytest.approx(1.6**2 / 2 / 0.2 / (1 + 1.6 + 1.6**2 / 2 / 0.2))
    with pytest.raises(ValueError):
        erlang_c(2, 2.0)


def test_simulated_mean_wait_matches_erlang_c() -> None:
    """Two pooled windows at load 0.8, Poisson arrivals, exponential service of 30 s, no
    walking, no-shows, priorities or breaks: about 400,000 tickets over 100 days of 22 hours.

    At this size the estimator's standard deviation is about 2% (measured over 20 seeds with
    an independent Lindley recursion), so 5% is a 2.5-sigma band; the seed is fixed. The
    first hour of each day is dropped as warm-up (the hall opens empty).
    """
    c, service_s, load = 2, 30.0, 0.8
    per_h = load * c / service_s * 3600
    config = one_group_hall(c, service_s)
    plan = DayPlan(config, {(h, "m"): per_h for h in range(1, 23)}, {"m": ServiceDist("exponential", service_s)},
                   ERLANG)
    staff = Staffing({w.id: ("g",) for w in config.windows}, frozenset(w.id for w in config.windows))
    [outcomes] = simulate(plan, [staff], days=100, seed=2026)
    waits = [t.called_at - t.issued_at for o in outcomes for t in o.tickets
             if t.called_at is not None and t.issued_at - o.day0 >= 2 * 3600]
    assert len(waits) > 350_000
    expected = mean_wait_s(c, per_h / 3600, service_s)
    assert sum(waits) / len(waits) == pytest.approx(expected, rel=0.05)
