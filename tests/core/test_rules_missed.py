"""Missed calls (过号): automatic recalls, then no-show; a no-show comes back once, K places behind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore.hallfile import HallFileError, parse_hall
from hallcore.model import Status
from hallcore.rules_missed import reactivate
from hallcore.rules_time import tick
from tests.core.conftest import T0, open_windows
from tests.core.rules_halls import hall_with_rules, rules_text

RULE = "[rules.missed_calls]\nrecalls = 2\nevery_s = 60\nreactivate_min = 30\nback = {back}"


def called(back: str = "2", waiting: int = 5):
    h = hall_with_rules(RULE.format(back=back))
    open_windows(h, "win-01")
    for i in range(waiting):
        h.issue(T0 + i, "hukou-transfer")
    t = h.call_next(T0 + 10, "win-01")
    assert t is not None
    return h, t


def test_recalled_twice_then_no_show():
    h, t = called()
    tick(h, T0 + 69)
    assert t.recalls == 0
    tick(h, T0 + 70)
    tick(h, T0 + 71)
    assert t.recalls == 1 and t.status is Status.CALLED
    tick(h, T0 + 130)
    assert t.recalls == 2
    tick(h, T0 + 189)
    assert t.status is Status.CALLED
    tick(h, T0 + 190)
    assert t.status is Status.NO_SHOW and h.windows["win-01"].ticket is None
    assert [c[3] for c in h.take_changes().calls] == [False, True, True]


def test_a_served_ticket_is_never_recalled():
    h, t = called()
    h.serve(T0 + 20, "win-01")
    tick(h, T0 + 1000)
    assert t.status is Status.SERVING and t.recalls == 0


def test_a_restart_repeats_at_most_one_recall():
    h, t = called()
    h.auto_recalled.clear()  # what a restarted server knows
    tick(h, T0 + 140)
    assert t.recalls == 1


def test_reactivated_k_places_behind_the_head_once():
    h, t = called(back="2")
    tick(h, T0 + 200)
    back = reactivate(h, T0 + 300, t.number)
    assert back.status is Status.WAITING and h.ahead(back) == 2
    with pytest.raises(HallError) as e:
        h.call_number(T0 + 310, "win-01", back.number)
        h.no_show(T0 + 320, "win-01")
        reactivate(h, T0 + 330, back.number)
    assert e.value.code == "limit_reached"


def test_reactivated_at_the_tail_and_not_too_late():
    h, t = called(back='"tail"')
    tick(h, T0 + 200)
    with pytest.raises(HallError) as e:
        reactivate(h, T0 + 200 + 31 * 60, t.number)
    assert e.value.code == "invalid_state"
    h2, t2 = called(back='"tail"')
    tick(h2, T0 + 200)
    assert h2.ahead(reactivate(h2, T0 + 300, t2.number)) == 4


def test_hall_without_the_rule_refuses(hall):
    open_windows(hall, "win-01")
    hall.issue(T0, "hukou-transfer")
    hall.call_next(T0, "win-01")
    tick(hall, T0 + 10_000)
    t = hall.no_show(T0 + 10_000, "win-01")
    assert t.recalls == 0
    with pytest.raises(HallError) as e:
        reactivate(hall, T0 + 10_010, t.number)
    assert e.value.code == "not_allowed"


def test_bad_rule_values_name_line_and_field():
    text = rules_text('[rules.missed_calls]\nrecalls = -1\nback = "front"')
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "hall.toml")
    line = text.splitlines().index("recalls = -1") + 1
    assert f"hall.toml:{line}: rules.missed_calls.recalls: must not be negative" in e.value.problems
    assert any("rules.missed_calls.back: must be \"tail\"" in p for p in e.value.problems)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 6), st.integers(0, 8), st.integers(1, 8))
def test_reactivated_goes_exactly_min_k_n_behind(k, n, extra):
    """Whatever the queue length, it lands min(K, N) places behind the head, never further."""
    h = hall_with_rules(RULE.format(back=k))
    open_windows(h, "win-01")
    first = h.issue(T0, "hukou-transfer")
    h.call_next(T0 + 1, "win-01")
    for i in range(n):
        h.issue(T0 + 2 + i, "hukou-transfer")
    tick(h, T0 + 1 + 180)
    assert first.status is Status.NO_SHOW
    back = reactivate(h, T0 + 200 + extra, first.number)
    assert h.ahead(back) == min(k, n)
    order = [t.id for t in h.queues["comprehensive"].normal]
    assert len(order) == n + 1 and order.index(back.id) == min(k, n)


def test_a_reactivated_ticket_keeps_its_place_after_a_restart():
    from hallcore.hall import Hall
    from hallcore.restore import Snapshot, restore
    h, t = called(back="2")
    tick(h, T0 + 200)
    reactivate(h, T0 + 300, t.number)
    before = [x.number for x in h.queues["comprehensive"].normal]
    again = Hall(h.config)
    restore(again, Snapshot(tickets=list(h.tickets.values())), T0 + 400)
    assert [x.number for x in again.queues["comprehensive"].normal] == before
