"""Whole simulated days on the demo hall: determinism, a 2,000-ticket day, staffing effects."""

from __future__ import annotations

from hallcore.config import HallConfig
from hallcore.model import Priority, Status
from simulator.days import DayPlan, dedicated, pooled, simulate
from simulator.metrics import summarize
from simulator.profile import daily_total, day_profile
from simulator.scenario import as_configured, lunch_breaks, scaled
from simulator.service import catalog_service


def _plan(config: HallConfig, per_hour: float) -> DayPlan:
    return DayPlan(config, day_profile(config, per_hour), catalog_service(config))


def _fingerprint(config: HallConfig, seed: int) -> list[tuple[str, str, float | None, str | None]]:
    [[day]] = simulate(_plan(config, 60), [lunch_breaks(as_configured(config))], days=1, seed=seed)
    return [(t.number, t.status.value, t.called_at, t.window) for t in day.tickets]


def test_same_seed_same_day(demo: HallConfig) -> None:
    assert _fingerprint(demo, 7) == _fingerprint(demo, 7)
    assert _fingerprint(demo, 7) != _fingerprint(demo, 8)


def test_days_do_not_depend_on_how_many_are_run(demo: HallConfig) -> None:
    plan, staff = _plan(demo, 60), [as_configured(demo)]
    [one] = simulate(plan, staff, days=1, seed=3)
    [three] = simulate(plan, staff, days=3, seed=3)
    assert [t.called_at for t in one[0].tickets] == [t.called_at for t in three[0].tickets]


def test_a_2000_ticket_day(demo: HallConfig) -> None:
    config = scaled(demo, 4)  # 48 windows
    plan = _plan(config, 250)
    assert 1900 < daily_total(plan.rates) < 2100
    [[day]] = simulate(plan, [lunch_breaks(as_configured(config))], days=1, seed=1)
    tickets = day.tickets
    assert 1800 < len(tickets) < 2200
    assert all(t.status in (Status.DONE, Status.NO_SHOW) for t in tickets)  # everyone is called by night
    assert {t.priority for t in tickets} >= {Priority.NONE, Priority.ELDERLY, Priority.APPOINTMENT}
    s = summarize(config, [day])
    assert s.totals["issued"] == len(tickets)
    assert 0 < s.totals["wait_mean_s"] <= s.totals["wait_p90_s"]
    assert 0 <= s.totals["service_level"] <= 100
    assert 0 < s.totals["utilisation"] <= 100
    assert all(0 <= u <= 100 for u in s.windows.values())
    assert {h.hour for h in s.hours} >= set(range(9, 17))
    assert sum(g["issued"] for g in s.groups.values()) == len(tickets)
    no_shows = s.totals["no_shows"] / len(tickets)
    assert 0.02 < no_shows < 0.09  # 5% of tickets never come


def test_priority_tickets_wait_less(demo: HallConfig) -> None:
    # within one group and below overload: at 75 an hour every ticket waits past the overtake limit,
    # the order becomes oldest-first and priority no longer shows (the old test passed on its seed's
    # luck: elderly/normal 0.5-1.8 across seeds); at 55 an hour it is 0.15-0.76 on seeds 1-7
    [days] = simulate(_plan(demo, 55), [as_configured(demo)], days=3, seed=5)
    def mean_wait(prio: Priority) -> float:
        ws = [t.called_at - t.issued_at for d in days for t in d.tickets
              if t.priority is prio and t.called_at and t.group == "comprehensive"]
        return sum(ws) / len(ws)
    assert mean_wait(Priority.ELDERLY) < 0.7 * mean_wait(Priority.NONE)


def test_windows_on_break_call_nobody(demo: HallConfig) -> None:
    staff = lunch_breaks(as_configured(demo), start_hour=11.5, minutes=40, shifts=3)
    [[day]] = simulate(_plan(demo, 70), [staff], days=1, seed=2)
    for w, hour, minutes in staff.breaks:
        start, end = day.day0 + hour * 3600, day.day0 + hour * 3600 + minutes * 60
        paused = [(a, b) for x, a, b in day.open_spans if x == w]
        assert not any(a < start and b > end for a, b in paused)  # its open time is split by the break
        calls = [t.called_at for t in day.tickets if t.window == w and t.called_at is not None]
        assert not [c for c in calls if start < c < end], f"{w} called during its break"


def test_pooled_windows_wait_less_than_dedicated(demo: HallConfig) -> None:
    staff = as_configured(demo)
    runs = simulate(_plan(demo, 70), [dedicated(staff, demo), staff, pooled(staff, demo)], days=2, seed=4)
    ded, conf, pool = (summarize(demo, r).totals["wait_mean_s"] for r in runs)
    assert pool < conf < ded
    assert dedicated(staff, demo).assignment["win-12"] == ("pickup",)
    assert set(pooled(staff, demo).assignment["win-01"]) == {g.code for g in demo.groups}
