"""Packages, several matters and the one checklist (一件事一次办, 一次告知)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore import visit_ops
from hallcore.hall import Hall
from hallcore.model import Material, Matter, Name
from hallcore.packages import checklist, resolve, service_s
from tests.core.conftest import DEMO, T0, open_windows

MATTERS = {m.code: m for m in DEMO.matters}
PACKAGES = {p.code: p for p in DEMO.visits.packages}
ID = Name("居民身份证", "Resident ID card")


def m(code: str, *mats: Material, svc: float | None = None) -> Matter:
    return Matter(code, Name(code, code), "comprehensive", service_s=svc, materials=mats)


def test_the_demo_has_the_state_councils_packages():
    assert {"newborn", "open-restaurant", "home-transfer", "retire", "death"} <= set(PACKAGES)
    for p in PACKAGES.values():
        assert 2 <= len(p.matters) <= 5 and all(c in MATTERS for c in p.matters)
    assert {"birth-registration", "medical-insurance-enroll", "social-security-card"} <= set(PACKAGES["newborn"].matters)


def test_resolve_takes_exactly_one_form():
    assert resolve(MATTERS, PACKAGES, package="newborn") == PACKAGES["newborn"].matters
    assert resolve(MATTERS, PACKAGES, matters=["hukou-transfer", "hukou-transfer", "elderly-card"]) == (
        "hukou-transfer", "elderly-card")
    assert resolve(MATTERS, PACKAGES, matter="hukou-transfer") == ("hukou-transfer",)
    for kw, code in (({"matters": []}, "bad_request"), ({"matters": ["x"] * 6}, "bad_request"),
                     ({"matters": ["nope"]}, "unknown_matter"), ({"package": "nope"}, "unknown_matter"),
                     ({}, "bad_request"), ({"matter": "hukou-transfer", "package": "newborn"}, "bad_request")):
        with pytest.raises(HallError) as e:
            resolve(MATTERS, PACKAGES, **kw)  # type: ignore[arg-type]
        assert e.value.code == code, kw


def test_checklist_keeps_each_material_once_with_every_note():
    a = m("a", Material(ID, Name("原件", "original")), Material(Name("户口簿", "Household register")))
    b = m("b", Material(ID, Name("原件", "original")), Material(ID, Name("复印件一份", "one copy")))
    out = checklist([a, b])
    assert [x.name.zh for x in out] == ["居民身份证", "户口簿"]
    assert out[0].text() == Name("居民身份证（原件；复印件一份）", "Resident ID card (original; one copy)")
    assert out[1].text() == Name("户口簿", "Household register")


@given(st.lists(st.sampled_from(sorted(MATTERS)), min_size=1, max_size=5))
def test_checklist_is_the_union_without_repeats(codes):
    ms = [MATTERS[c] for c in codes]
    out = [x.name.zh for x in checklist(ms)]
    assert len(out) == len(set(out))
    assert set(out) == {x.name.zh for mm in ms for x in mm.materials}
    assert checklist(ms + ms) == checklist(ms)  # asking twice tells nothing more


def test_service_time_is_the_sum_over_the_matters():
    assert service_s([m("a", svc=60.0), m("b"), m("c", svc=30.0)], {"comprehensive": 480.0}) == 570.0


def test_a_four_matter_visit_ahead_counts_as_its_matters(hall: Hall):
    open_windows(hall, "win-01")
    single = [hall.issue(T0, "hukou-transfer") for _ in range(2)]
    t1 = hall.issue(T0, "elderly-card")
    assert visit_ops.est_wait_s(hall, t1) == hall.est_wait_s("comprehensive", 2)  # v1 figure unchanged
    big = visit_ops.issue_visit(hall, T0, None, None, "newborn")
    after = hall.issue(T0, "elderly-card")
    base = hall.est_wait_s("comprehensive", 4)
    assert base is not None and single
    assert visit_ops.est_wait_s(hall, after) == round(base * (3 + 4) / 4)
    assert big.matters == PACKAGES["newborn"].matters and big.matter == big.matters[0]


def test_the_per_citizen_limit_holds_for_every_matter(hall: Hall):
    key = "ab" * 32
    for _ in range(DEMO.policy.tickets_per_citizen_matter_day):
        hall.issue(T0, "elderly-card", citizen_key=key)
    with pytest.raises(HallError) as e:
        visit_ops.issue_visit(hall, T0, None, ["hukou-transfer", "elderly-card"], None, citizen_key=key)
    assert e.value.code == "limit_reached"


def test_the_manager_sees_the_one_visit_share():
    from manager_console.texts import totals, visits_line

    v = {"count": 4, "matters": 9, "matters_per_visit": 2.25, "one_visit_share": 0.875, "cases": 6}
    assert "一次办结 done in one visit 87.5%" in visits_line(v)
    assert visits_line({"count": 0}) == "" and visits_line(None) == ""
    report = {"date": "2026-12-01", "totals": {"issued": 4}, "visits": v}
    assert totals(report).endswith(visits_line(v))
