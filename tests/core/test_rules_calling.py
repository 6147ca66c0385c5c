"""Calling rules per window: preferred group with fallback, a wait cap, ratios, the overtake limit;
and the property that with any rule set no ticket waits behind later arrivals beyond the set bound."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallcore.hallfile import HallFileError, parse_hall
from hallcore.model import QUEUED, Priority
from hallcore.rules_calling import bound_s
from tests.core.conftest import T0, open_windows
from tests.core.rules_halls import hall_with_rules, rules_text

PICKUP, COMP = "pickup-certificate", "hukou-transfer"


def numbers(h, window, n, at):
    out = []
    for i in range(n):
        t = h.call_next(at + i, window)
        out.append(t.number if t else None)
        if t:
            h.finish(at + i, window)
    return out


def test_preferred_group_first_then_fallback():
    h = hall_with_rules('[[rules.calling]]\nwindow = "win-12"\nprefer = ["pickup"]')
    open_windows(h, "win-12")
    h.issue(T0, COMP)
    h.issue(T0 + 1, PICKUP)
    h.issue(T0 + 2, PICKUP)
    assert numbers(h, "win-12", 4, T0 + 10) == ["E001", "E002", "A001", None]


def test_wait_cap_beats_the_preference():
    h = hall_with_rules('wait_cap_min = 10\n[[rules.calling]]\nwindow = "win-12"\nprefer = ["pickup"]')
    open_windows(h, "win-12")
    h.issue(T0, COMP)
    h.issue(T0 + 1, PICKUP)
    assert numbers(h, "win-12", 1, T0 + 599) == ["E001"]
    h.issue(T0 + 2, PICKUP)
    assert numbers(h, "win-12", 1, T0 + 600) == ["A001"]


def test_ratio_two_normal_one_priority():
    h = hall_with_rules('[[rules.calling]]\nwindow = "win-01"\nratio = [2, 1]')
    open_windows(h, "win-01")
    for i in range(4):
        h.issue(T0 + i, COMP)
        h.issue(T0 + i, COMP, priority="elderly")
    called = numbers(h, "win-01", 8, T0 + 10)
    kinds = ["p" if h.find(n).priority is not Priority.NONE else "n" for n in called]
    assert kinds == ["n", "n", "p", "n", "n", "p", "p", "p"]


def test_without_rules_priorities_go_first_until_the_overtake_limit(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, COMP)
    hall.issue(T0 + 1, COMP, priority="elderly")
    assert numbers(hall, "win-01", 1, T0 + 10) == ["A002"]
    hall.issue(T0 + 20, COMP, priority="elderly")
    assert numbers(hall, "win-01", 1, T0 + 900) == ["A001"]


def test_bad_calling_rules_name_line_and_field():
    text = rules_text('[[rules.calling]]\nwindow = "win-99"\nprefer = ["nope"]\nratio = [2, 0]')
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "hall.toml")
    line = text.splitlines().index('window = "win-99"') + 1
    assert f"hall.toml:{line}: rules.calling[0].window: unknown window 'win-99'" in e.value.problems
    assert any("rules.calling[0].prefer: unknown group 'nope'" in p for p in e.value.problems)
    assert any("rules.calling[0].ratio: must be [normal, priority]" in p for p in e.value.problems)


WINDOWS = ["win-06", "win-07", "win-12", "win-01"]  # overlapping groups: comprehensive, pickup, real_estate
MATTERS = [COMP, PICKUP, "re-mortgage"]
rule_sets = st.fixed_dictionaries({
    "cap": st.one_of(st.none(), st.integers(1, 30)),
    "overtake": st.integers(1, 30),
    "calling": st.dictionaries(st.sampled_from(WINDOWS), st.tuples(
        st.lists(st.sampled_from(["comprehensive", "pickup", "real_estate"]), unique=True, max_size=2),
        st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3)))), max_size=3),
})
# more issues than calls, so that queues grow and rules have something to choose between
# (at most 100 steps of 500 s: the day never reaches midnight, when the hall cancels its queue)
steps = st.lists(st.tuples(st.sampled_from(["issue", "issue", "call"]), st.integers(0, 11), st.integers(0, 50)),
                 min_size=20, max_size=100)


def build(rs):
    text = f"wait_cap_min = {rs['cap']}\n" if rs["cap"] else ""
    for w, (prefer, ratio) in rs["calling"].items():
        text += f'[[rules.calling]]\nwindow = "{w}"\nprefer = {prefer!r}\n'.replace("'", '"')
        text += f"ratio = [{ratio[0]}, {ratio[1]}]\n" if ratio else ""
    full = rules_text(text).replace("priority_overtake_min = 15", f"priority_overtake_min = {rs['overtake']}")
    from hallcore.hall import Hall
    h = Hall(parse_hall(full, "hall.toml"))
    h.roll_day(T0)
    return h


@settings(max_examples=150, deadline=None)
@given(rule_sets, steps)
def test_no_ticket_waits_behind_later_arrivals_beyond_the_bound(rs, plan):
    h = build(rs)
    open_windows(h, *WINDOWS)
    now = T0
    for kind, k, dt in plan:
        now += dt * 10
        if kind == "issue":
            h.issue(now, MATTERS[k % 3], priority="elderly" if k % 4 == 0 else "none")
            continue
        w = h.windows[WINDOWS[k % 4]]
        if w.ticket:
            h.finish(now, w.id)
        waiting = [t for t in h.tickets.values() if t.status in QUEUED and t.group in w.groups]
        t = h.call_next(now, w.id)
        if t is None:
            assert not waiting
            continue
        bound = bound_s(h, w.id)
        passed = [y for y in waiting if y.queued_at < t.queued_at]
        if bound is not None and (bound == h.policy.priority_overtake_s and not rs["cap"]):
            # the hall's own order bounds only how long a normal ticket waits behind priorities
            passed = [y for y in passed if y.priority is Priority.NONE and t.priority is not Priority.NONE]
        if bound is not None:
            assert all(now - y.queued_at < bound for y in passed), (t, passed, bound)


def test_overtake_limit_as_a_rule_calls_the_oldest_of_either_line():
    h = hall_with_rules('[[rules.calling]]\nwindow = "win-01"\nprefer = ["comprehensive"]')
    open_windows(h, "win-01")
    h.issue(T0, COMP)
    h.issue(T0 + 1, COMP, priority="elderly")
    assert numbers(h, "win-01", 1, T0 + 10) == ["A002"]  # priorities first...
    h.issue(T0 + 20, COMP, priority="elderly")
    assert numbers(h, "win-01", 1, T0 + 900) == ["A001"]  # ...until a normal ticket waited 15 min
    h.issue(T0 + 1000, COMP, priority="elderly")
    h.issue(T0 + 1001, COMP)
    # A003 (priority, 20 s) is older than A005 (normal, 1001 s) waiting past the limit: it goes first
    assert numbers(h, "win-01", 1, T0 + 1001 + 900) == ["A003"]
