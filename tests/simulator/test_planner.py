"""The what-if planner: a pure function of the hall's state and a proposed assignment."""

from __future__ import annotations

import pytest

from hallcore.config import HallConfig
from simulator.errors import SimInputError
from simulator.planner import GroupNow, HallState, WindowNow, predict

AT = 1741141800.0  # 2025-03-05 10:30 in Shanghai


def _state(demo: HallConfig) -> HallState:
    groups = {"comprehensive": GroupNow(12, 600, 40), "real_estate": GroupNow(5, 1200, 5),
              "provident_fund": GroupNow(2, 300, 6), "enterprise": GroupNow(6, 1800, 6, 1200),
              "pickup": GroupNow(3, 200, 15)}
    windows = {w.id: WindowNow("open", w.groups, busy=True) for w in demo.windows}
    windows["win-03"] = WindowNow("closed", ("comprehensive",))
    return HallState(AT, groups, windows)


def test_adding_a_window_to_a_group_lowers_its_predicted_wait(demo: HallConfig) -> None:
    plans = predict(demo, _state(demo), {"win-05": ["enterprise"]})
    ent = plans["enterprise"]
    assert ent.current.mean_s is not None and ent.proposed.mean_s is not None
    assert ent.proposed.mean_s < 0.8 * ent.current.mean_s
    assert ent.proposed.p90_s is not None and ent.current.p90_s is not None
    assert ent.proposed.p90_s < ent.current.p90_s
    assert ent.current.tickets == ent.proposed.tickets  # the same citizens under both
    assert set(plans) == {g.code for g in demo.groups}


def test_no_proposal_predicts_the_same_under_both(demo: HallConfig) -> None:
    for p in predict(demo, _state(demo), None, runs=3).values():
        assert p.current == p.proposed


def test_opening_a_closed_window_helps_its_group(demo: HallConfig) -> None:
    plans = predict(demo, _state(demo), {"win-03": ["comprehensive"]}, runs=6)
    assert plans["comprehensive"].proposed.mean_s < plans["comprehensive"].current.mean_s  # type: ignore[operator]


def test_prediction_is_deterministic_for_a_seed(demo: HallConfig) -> None:
    a = predict(demo, _state(demo), {"win-05": ["pickup"]}, runs=3, seed=1)
    b = predict(demo, _state(demo), {"win-05": ["pickup"]}, runs=3, seed=1)
    assert a == b


@pytest.mark.parametrize(("proposal", "message"), [
    ({"win-99": ["pickup"]}, "unknown window 'win-99'"),
    ({"win-05": ["bakery"]}, "window 'win-05': unknown group 'bakery'"),
    ({"win-05": []}, "at least one group"),
])
def test_bad_proposals_are_named(demo: HallConfig, proposal: dict[str, list[str]], message: str) -> None:
    with pytest.raises(SimInputError, match=message):
        predict(demo, _state(demo), proposal)
