"""The simulator runs each hall rule on the real Hall: a day per rule set shows the rule at work."""

from __future__ import annotations

import pytest

from hallcore.model import Status
from simulator.rules_days import MISSED, citizens, figures, hall_with, one_day


@pytest.fixture(scope="module")
def day():
    return citizens(hall_with(""), seed=2, per_hour=40.0)


def test_park_rule_parks_and_resumes(day):
    config = hall_with("")
    o = one_day(config, day)
    parked = [t for t in o.tickets if t.note == "missing paper"]
    assert parked and all(t.status is Status.DONE for t in parked)
    assert any(t.outcome != "incomplete" for t in parked)  # resumed and finished, not expired
    none = one_day(hall_with("park_limit_min = 0\n"), day)
    assert len(none.tickets) > len(o.tickets)  # without park, each returning citizen takes a new ticket


def test_missed_call_rule_reactivates(day):
    config = hall_with("park_limit_min = 0\n" + MISSED)
    f = figures(config, one_day(config, day))
    assert f.reactivated > 0


def test_cap_turns_citizens_away(day):
    config = hall_with('[[rules.caps]]\ngroup = "comprehensive"\ndaily = 20\n')
    o = one_day(config, day)
    assert o.refused > 0 and sum(1 for t in o.tickets if t.group == "comprehensive") <= 20


def test_wait_cap_shortens_the_longest_wait(day):
    prefer = '[[rules.calling]]\nwindow = "win-07"\nprefer = ["real_estate"]\n'
    without = figures(hall_with(prefer), one_day(hall_with(prefer), day))
    with_cap = figures(hall_with("wait_cap_min = 20\n" + prefer), one_day(hall_with("wait_cap_min = 20\n" + prefer), day))
    assert with_cap.longest_s is not None and without.longest_s is not None
    assert with_cap.longest_s <= without.longest_s
