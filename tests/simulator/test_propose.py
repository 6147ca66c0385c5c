"""The proposing planner: its choice matches brute force on small halls, its proposals apply with
window.assign / window.open, and the simulator's forecast comes with each."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hallcore.hallfile import parse_hall
from simulator.planner import GroupNow, HallState, WindowNow
from simulator.propose import Search, propose

AT = 1741141800.0  # 2025-03-05 10:30 in Shanghai
SMALL = """
[hall]
id = "small"
[[groups]]
code = "a"
letter = "A"
name_zh = "甲"
name_en = "A"
service_min = 6
[[groups]]
code = "b"
letter = "B"
name_zh = "乙"
name_en = "B"
service_min = 12
[[groups]]
code = "c"
letter = "C"
name_zh = "丙"
name_en = "C"
service_min = 20
""" + "".join(f'[[matters]]\ncode = "m{g}"\ngroup = "{g}"\nname_zh = "{g}"\nname_en = "{g}"\n' for g in "abc") + \
    "".join(f'[[windows]]\nid = "w{i}"\nlabel_zh = "{i}"\nlabel_en = "{i}"\ngroups = {gs}\n'
            for i, gs in enumerate(['["a"]', '["a", "b"]', '["b", "c"]', '["a", "c"]', '["c"]']))
CONFIG = parse_hall(SMALL, "small.toml")


def state(waiting, rates, open_count):
    windows = {w.id: WindowNow("open" if i < open_count else "closed", w.groups) for i, w in enumerate(CONFIG.windows)}
    groups = {g: GroupNow(n, 60.0 * n, r) for g, n, r in zip("abc", waiting, rates, strict=True)}
    return HallState(AT, groups, windows)


def brute_force(search: Search):
    choices = [[None, *search.skills[w]] for w in search.windows]
    best = None
    for pick in itertools.product(*choices):
        counts = tuple(sum(1 for p in pick if p == g) for g in search.groups)
        if sum(counts) > search.staff:
            continue
        if best is None or search.rank(counts) < search.rank(best):
            best = counts
    return best


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
       st.tuples(st.floats(0, 40), st.floats(0, 20), st.floats(0, 10)), st.integers(1, 5))
def test_search_matches_brute_force_on_small_halls(waiting, rates, staff):
    s = Search(CONFIG, state(waiting, rates, 5), staff, 3600.0)
    best = s.run(1)[0]
    assert s.rank(best) == s.rank(brute_force(s))


def test_fewest_windows_when_the_target_can_be_met():
    s = Search(CONFIG, state((1, 0, 0), (10, 0, 0), 5), 5, 3600.0)
    best = s.run(1)[0]
    assert s.value(best)[0] and best == (1, 0, 0)


def test_proposals_come_with_forecasts_and_requests():
    st_ = state((15, 2, 4), (30, 4, 3), 3)
    current, props = propose(CONFIG, st_, staff=5, runs=2)
    assert 1 <= len(props) <= 3 and set(current) == {"a", "b", "c"}
    top = props[0]
    assert set(top.forecast) == {"a", "b", "c"} and top.opened
    reqs = top.requests({w: s.groups for w, s in st_.windows.items()})
    assert {op for op, _ in reqs} <= {"window.assign", "window.open"}
    assert all(args["window"] in top.assignment for _, args in reqs)
    for w, g in top.assignment.items():
        assert g in CONFIG.windows[int(w[1:])].groups  # only groups a window may serve


def test_hallq_plan_propose_prints_the_top_three(tmp_path, capsys):
    from hallq.cli import main as hallq
    from tests.simulator.test_cli import _state_file
    assert hallq(["plan", "--state", str(_state_file(tmp_path)), "--propose", "--staff", "6", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert "Proposals for the next 60 min" in out and "now: mean / p90" in out and "#1:" in out
    assert "window.assign" in out or "window.open" in out


def test_hallq_plan_propose_learns_this_weekday_from_the_store(demo, tmp_path, capsys):
    from hallq.cli import main as hallq
    from tests.simulator.test_cli import _state_file
    from tests.simulator.test_history import synthetic, write_store
    db = tmp_path / "hall.db"
    write_store(db, synthetic(demo, 3))
    assert hallq(["plan", "--state", str(_state_file(tmp_path)), "--propose", "--history-db", str(db),
                  "--runs", "1"]) == 0
    assert "arrivals of this weekday in" in capsys.readouterr().out
