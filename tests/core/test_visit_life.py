"""A visit's life: outcomes per matter, cases, back office, pickup; and 跑动次数 (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore import visit_ops
from hallcore.cases import CaseStatus
from hallcore.hall import Hall
from hallcore.visits import Outcome, Result, VisitRow, figures
from tests.core.conftest import T0, open_windows

DAY = "2026-12-01"


def at_window(hall: Hall, package: str = "newborn", key: str | None = None):
    open_windows(hall, "win-01")
    t = visit_ops.issue_visit(hall, T0, None, None, package, citizen_key=key)
    assert hall.call_next(T0, "win-01") is t
    return t


def test_outcomes_are_checked(hall: Hall):
    t = at_window(hall)
    for args, code in ((("hukou-transfer", "accepted", None, None), "unknown_matter"),
                       (("birth-registration", "maybe", None, None), "bad_request"),
                       (("birth-registration", "incomplete", [], None), "bad_request"),
                       (("birth-registration", "rejected", None, " "), "bad_request"),
                       (("birth-registration", "accepted", ["x"], None), "bad_request")):
        with pytest.raises(HallError) as e:
            visit_ops.record_outcome(hall, T0, "win-01", *args)
        assert e.value.code == code, args
    assert t.outcomes == {}
    with pytest.raises(HallError) as e:
        visit_ops.record_outcome(hall, T0, "win-02", "birth-registration", "accepted", None, None)
    assert e.value.code in ("no_current_ticket", "window_closed")


def test_an_accepted_matter_opens_one_case_and_only_once(hall: Hall):
    at_window(hall)
    t, case = visit_ops.record_outcome(hall, T0, "win-01", "social-security-card", "accepted", None, None)
    assert case is not None and case.status is CaseStatus.SUBMITTED and case.pickup
    assert t.outcomes["social-security-card"].case == case.number and hall.take_changes().cases == {case.id: case}
    with pytest.raises(HallError):
        visit_ops.record_outcome(hall, T0, "win-01", "social-security-card", "accepted", None, None)
    _, again = visit_ops.record_outcome(hall, T0, "win-01", "birth-registration", "accepted", None, None)
    assert again is not None and again.number != case.number and again.number[:12] > case.number[:12]


def test_case_moves_and_pickup(hall: Hall):
    at_window(hall)
    _, case = visit_ops.record_outcome(hall, T0, "win-01", "social-security-card", "accepted", None, None)
    assert case is not None
    with pytest.raises(HallError) as e:
        visit_ops.update_case(hall, T0, "bo-04", case.id, "ready", None)
    assert e.value.code == "not_allowed"
    with pytest.raises(HallError):
        visit_ops.issue_pickup(hall, T0, case.number, "kiosk-01")
    for bad in ("submitted", "collected", "nope"):
        with pytest.raises(HallError):
            visit_ops.update_case(hall, T0, "bo-01", case.id, bad, None)
    visit_ops.update_case(hall, T0, "bo-01", case.id, "ready", "请到12号窗口")
    with pytest.raises(HallError):
        visit_ops.update_case(hall, T0, "bo-01", case.id, "approved", None)  # ready is final for the back office
    p = visit_ops.issue_pickup(hall, T0, case.number.lower(), "kiosk-01")
    assert p.group == "pickup" and p.case == case.number
    with pytest.raises(HallError):
        visit_ops.issue_pickup(hall, T0, case.number, "kiosk-01")
    assert visit_ops.collected(hall, T0, p) is case and case.status is CaseStatus.COLLECTED


def test_a_case_without_pickup_gives_no_pickup_ticket(hall: Hall):
    at_window(hall, "retire")
    _, case = visit_ops.record_outcome(hall, T0, "win-01", "pension-claim", "accepted", None, None)
    assert case is not None and not case.pickup
    visit_ops.update_case(hall, T0, "bo-01", case.id, "ready", None)
    with pytest.raises(HallError) as e:
        visit_ops.issue_pickup(hall, T0, case.number, None)
    assert e.value.code == "invalid_state"


def row(tid: str, day: str, at: float, key: str | None, outs: dict[str, Outcome]) -> VisitRow:
    return VisitRow(tid, day, at, key, tuple(outs), outs)


ACC, INC = Outcome(Result.ACCEPTED, case="x"), Outcome(Result.INCOMPLETE, ("户口簿",))


def test_second_visit_inside_the_window_is_seen_outside_it_is_not():
    first = row("t1", "2026-11-20", T0 - 11 * 86400, "k", {"a": INC})
    again = row("t2", DAY, T0, "k", {"a": ACC, "b": ACC})
    f = figures(DAY, [first, again], 30)
    assert f["count"] == 1 and f["matters"] == 2 and f["one_visit_share"] == 0.5 and f["cases"] == 2
    assert f["second_visit_causes"] == [{"material": "户口簿", "count": 1}]
    assert figures(DAY, [first, again], 10)["one_visit_share"] == 1.0
    assert figures(DAY, [row("t2", DAY, T0, None, {"a": ACC})], 30)["one_visit_share"] == 1.0  # no key: unlinkable
    assert figures(DAY, [], 30) == {"count": 0, "matters": 0, "matters_per_visit": None, "one_visit_share": None,
                                    "cases": 0, "outcomes": {}, "second_visit_causes": []}


visit = st.tuples(st.integers(0, 40), st.sampled_from(["k1", "k2", "k3", None]),
                  st.dictionaries(st.sampled_from("abcde"), st.sampled_from(list(Result)), min_size=1, max_size=5))


@settings(max_examples=200, deadline=None)
@given(st.lists(visit, max_size=30), st.integers(1, 60))
def test_figures_are_shares_and_hold_no_key(visits, window):
    rows = [row(f"t{i}", "2026-12-01" if d == 0 else f"2026-11-{30 - d % 30:02d}", T0 - d * 86400 - i, k,
                {m: Outcome(r, ("x",) if r is Result.INCOMPLETE else ()) for m, r in outs.items()})
            for i, (d, k, outs) in enumerate(visits)]
    f = figures(DAY, rows, window)
    today = [r for r in rows if r.day == DAY]
    assert f["count"] == len(today) and f["matters"] == sum(len(r.matters) for r in today)
    assert f["one_visit_share"] is None or 0.0 <= f["one_visit_share"] <= 1.0
    assert sum(f["outcomes"].values()) == f["matters"]
    assert not any(k in repr(f) for k in ("k1", "k2", "k3"))
    wider = figures(DAY, rows, window + 30)  # a wider window can only find more second visits
    if f["one_visit_share"] is not None:
        assert wider["one_visit_share"] <= f["one_visit_share"]


def test_case_list_answers_the_newest_and_says_there_are_more(hall: Hall):
    from queue_server.handlers import HANDLERS, Ctx
    from queue_server.handlers_visit import MAX_CASES

    for i in range(MAX_CASES + 5):
        hall.cases.open_case(b"k", "demo", T0 + i, DAY, f"t{i}", "pension-claim", "综合窗口", False)
    out = HANDLERS["case.list"](Ctx(hall, T0, "bo-01", "backoffice", {}, lambda d: ([], [])))
    assert len(out["cases"]) == MAX_CASES and out["more"] is True
    assert out["cases"][-1]["ticket"] == f"t{MAX_CASES + 4}"
    assert HANDLERS["case.list"](Ctx(hall, T0, "bo-02", "backoffice", {}, lambda d: ([], [])))["cases"] == []
