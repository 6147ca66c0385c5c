"""Calling rules per window, beyond the hall's fixed order (hallcore/policy.py), in this order:

1. a ticket transferred to this window, then tickets transferred to its groups (unchanged);
2. wait cap: when the oldest ticket the window can serve has waited `rules.wait_cap_s`, it is
   called next, by every window that can serve it, whatever the other rules say;
3. preferred groups: only those, while any of them has a ticket; the window's others otherwise;
4. overtake limit (the hall's `priority_overtake_min`): once the oldest normal ticket has waited
   that long, the oldest ticket of either line goes first;
5. ratio (normal : priority, e.g. 2 : 1) when both lines have tickets; priorities first without one.

A hall with no wait cap and no rule for this window keeps `policy.choose_next` exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallcore.model import Priority, Ticket, Window
from hallcore.policy import _oldest, choose_next  # one oldest-first rule for both

if TYPE_CHECKING:
    from hallcore.hall import Hall


def choose(hall: Hall, w: Window, now: float) -> Ticket | None:
    rules, policy = hall.config.rules, hall.policy
    rule = rules.calling.get(w.id)
    queues = {g: hall.queues[g] for g in w.groups if g in hall.queues}
    if rule is None and rules.wait_cap_s is None:
        return choose_next(hall.pinned[w.id], queues.values(), now, policy.priority_overtake_s)
    if (head := hall.pinned[w.id].head()) is not None:
        return head
    if (moved := _oldest(q.transferred.head() for q in queues.values())) is not None:
        return moved
    if rules.wait_cap_s is not None:
        oldest = _oldest(line.head() for q in queues.values() for line in (q.priority, q.normal))
        if oldest is not None and now - oldest.queued_at >= rules.wait_cap_s:
            return _counted(hall, w, oldest)
    qs = list(queues.values())
    if rule is not None and rule.prefer:
        preferred = [queues[g] for g in rule.prefer if g in queues and len(queues[g])]
        qs = preferred or qs
    normal, prio = _oldest(q.normal.head() for q in qs), _oldest(q.priority.head() for q in qs)
    if normal is None or prio is None:
        return _counted(hall, w, normal or prio)
    if now - normal.queued_at >= policy.priority_overtake_s:
        return _counted(hall, w, _oldest((normal, prio)))
    if rule is not None and rule.ratio is not None:
        return _counted(hall, w, normal if _normal_turn(hall, w, rule.ratio) else prio)
    return _counted(hall, w, prio)


def _normal_turn(hall: Hall, w: Window, ratio: tuple[int, int]) -> bool:
    last_normal, run = hall.ratio_runs.get(w.id, (True, 0))
    n, p = ratio
    return run < n if last_normal else run >= p


def _counted(hall: Hall, w: Window, t: Ticket | None) -> Ticket | None:
    """Keep each window's run of normal or priority calls, for its ratio."""
    if t is not None:
        normal = t.priority is Priority.NONE
        last_normal, run = hall.ratio_runs.get(w.id, (True, 0))
        hall.ratio_runs[w.id] = (normal, run + 1 if normal == last_normal else 1)
    return t


def bound_s(hall: Hall, window_id: str) -> float | None:
    """The longest a ticket this window can serve may wait behind later arrivals, or None (no bound:
    a preferred group or a ratio without a wait cap can hold a ticket back as long as work comes)."""
    rules = hall.config.rules
    if rules.wait_cap_s is not None:
        return rules.wait_cap_s
    return None if window_id in rules.calling else hall.policy.priority_overtake_s
