"""Property-based tests of the calling policy and the ticket life (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus.errors import HallError
from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallcore.model import AT_WINDOW, QUEUED, Status, WindowStatus
from tests.core.conftest import T0

CONFIG = load_hall("demo")
MATTERS = ["hukou-transfer", "re-transfer", "hpf-loan-apply", "biz-license", "pickup-certificate"]
WINDOWS = ["win-01", "win-07", "win-08", "win-09", "win-11", "win-12"]
PRIOS = ["none", "none", "none", "elderly", "pregnant"]

action = st.one_of(
    st.tuples(st.just("issue"), st.sampled_from(MATTERS), st.sampled_from(PRIOS)),
    st.tuples(st.just("next"), st.sampled_from(WINDOWS)),
    st.tuples(st.just("finish"), st.sampled_from(WINDOWS)),
    st.tuples(st.just("no_show"), st.sampled_from(WINDOWS)),
    st.tuples(st.just("transfer"), st.sampled_from(WINDOWS), st.sampled_from(["real_estate", "pickup"])),
    st.tuples(st.just("wait"), st.integers(1, 1200)),
)

LEGAL = {  # the ticket life: waiting -> called -> serving -> done | no_show | transferred
    Status.WAITING: {Status.CALLED, Status.CANCELLED},
    Status.TRANSFERRED: {Status.CALLED, Status.CANCELLED},
    Status.CALLED: {Status.SERVING, Status.DONE, Status.NO_SHOW, Status.TRANSFERRED},
    Status.SERVING: {Status.DONE, Status.TRANSFERRED},
    Status.NO_SHOW: {Status.CALLED},
    Status.DONE: set(),
}


@settings(max_examples=150, deadline=None)
@given(st.lists(action, max_size=80))
def test_policy_and_ticket_life_invariants(actions):
    h = Hall(CONFIG)
    now = T0
    for w in WINDOWS:
        h.set_status(now, w, WindowStatus.OPEN)
    called_ever: list[str] = []
    for a in actions:
        before = {t.id: t.status for t in h.tickets.values()}
        try:
            if a[0] == "issue":
                h.issue(now, a[1], a[2])
            elif a[0] == "next":
                t = h.call_next(now, a[1])
                if t is not None:
                    # a window only calls tickets of the groups it serves (no transfers to windows here)
                    assert t.group in h.windows[a[1]].groups
                    called_ever.append(t.id)
            elif a[0] == "finish":
                h.finish(now, a[1])
            elif a[0] == "no_show":
                h.no_show(now, a[1])
            elif a[0] == "transfer":
                h.transfer(now, a[1], a[2], None, None)
            else:
                now += a[1]
        except HallError:
            pass
        for tid, old in before.items():
            new = h.tickets[tid].status
            assert new == old or new in LEGAL[old], (old, new)
        numbers = [t.number for t in h.tickets.values()]
        assert len(numbers) == len(set(numbers))
        at_windows = [w.ticket for w in h.windows.values() if w.ticket]
        assert len(at_windows) == len(set(at_windows))
        for t in h.tickets.values():
            queued = any(t.id in q.transferred or t.id in q.priority or t.id in q.normal for q in h.queues.values())
            pinned = any(t.id in line for line in h.pinned.values())
            assert (queued or pinned) == (t.status in QUEUED)
            assert (t.id in at_windows) == (t.status in AT_WINDOW)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PRIOS), st.integers(0, 600)), min_size=1, max_size=40))
def test_one_window_calls_in_policy_order(arrivals):
    """Drain one window: normal tickets come out in issue order, priorities in issue order, and
    no normal ticket is passed by a priority once it has waited past the overtake limit."""
    h = Hall(CONFIG)
    now = T0
    h.set_status(now, "win-01", WindowStatus.OPEN)
    for prio, gap in arrivals:
        now += gap
        h.issue(now, "hukou-transfer", prio)
    order = []
    while (t := h.call_next(now, "win-01")) is not None:
        waiting_normals = [x for x in h.queues["comprehensive"].normal]
        if t.priority.value != "none" and waiting_normals:
            assert now - waiting_normals[0].queued_at < h.policy.priority_overtake_s
        order.append(t)
        h.finish(now, "win-01")
        now += 30
    normals = [t.issued_at for t in order if t.priority.value == "none"]
    prios = [t.issued_at for t in order if t.priority.value != "none"]
    assert normals == sorted(normals) and prios == sorted(prios)
    assert len(order) == len(arrivals)
