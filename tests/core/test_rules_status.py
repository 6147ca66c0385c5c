"""Honest estimated waits: a group no window serves has no estimate, never a made-up number."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallcore.model import WindowStatus
from hallcore.rules_status import NO_WINDOW, NOT_OPEN_YET, OPEN, group_status
from tests.core.conftest import T0, TZ, open_windows
from tests.core.rules_halls import hall_with_rules


def test_no_window_means_no_estimate(hall):
    t = hall.issue(T0, "biz-license")
    assert hall.est_wait_s("enterprise", hall.ahead(t)) is None
    assert group_status(hall, "enterprise", 1, T0) == NO_WINDOW
    open_windows(hall, "win-11")
    assert hall.est_wait_s("enterprise", 1) == round(hall.mean_service_s("enterprise"))
    assert group_status(hall, "enterprise", 1, T0) == OPEN
    hall.set_status(T0, "win-11", WindowStatus.PAUSED)  # a short break still serves the group
    assert group_status(hall, "enterprise", 1, T0) == OPEN


def test_an_empty_group_without_a_window_is_open_not_alarming(hall):
    assert group_status(hall, "enterprise", 0, T0) == OPEN


def test_before_opening_time_the_group_is_not_open_yet():
    h = hall_with_rules('opens = "08:30"\ncloses = "17:30"')
    early = datetime(2026, 12, 1, 8, 0, tzinfo=TZ).timestamp()
    assert group_status(h, "comprehensive", 0, early) == NOT_OPEN_YET
    assert group_status(h, "comprehensive", 0, T0) == OPEN


@given(st.lists(st.sampled_from(["win-01", "win-06", "win-11", "win-12"]), unique=True),
       st.integers(0, 30))
def test_estimate_exists_exactly_when_a_window_serves(opened, ahead):
    h = Hall(load_hall("demo"))
    h.roll_day(T0)
    open_windows(h, *opened)
    for g in h.groups:
        est = h.est_wait_s(g, ahead)
        assert (est is None) == (h.staffed(g) == 0)
        assert est is None or est >= 0


def test_the_rules_example_in_the_docs_loads():
    """docs/hall-file.md's [rules] example is a valid hall file, read as the docs say."""
    from pathlib import Path

    from hallcore.hallfile import parse_hall
    from tests.core.rules_halls import DEMO
    doc = (Path(__file__).resolve().parents[2] / "docs" / "hall-file.md").read_text("utf-8")
    block = doc.split("## Daily rules", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    rules = parse_hall(f"{DEMO}\n{block}", "hall.toml").rules
    assert rules.opens_min == 8 * 60 + 30 and rules.missed is not None and rules.missed.places == 3
    assert rules.caps[0].daily == 120 and rules.calling["win-12"].ratio == (2, 1) and rules.wait_cap_s == 45 * 60
