"""A planner that proposes: the window-to-group assignments (and the closed windows to open) that
meet the service level with the fewest windows, or else give the lowest mean wait with the staff
on duty; the top three, each with its predicted waits per group beside the current assignment's.

Search: a staffing is how many windows serve each group. Greedy marginal allocation from nothing
(each step adds the window that cuts the total wait most), then moves of one window between groups
and removals, all scored by simulator/staffing.py; a staffing is kept only if the hall's windows
can realize it (each window serves one group it is allowed: its hall-file groups or today's).
The few best are then run through the simulator (simulator/planner.py) for their forecasts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hallcore.config import HallConfig
from simulator.planner import Forecast, GroupNow, HallState, WindowNow, forecasts
from simulator.staffing import Demand, score

Counts = tuple[int, ...]  # windows per group, in the hall's group order
TARGET_SHARE = 0.8  # the service level: this share of citizens called within the target wait


@dataclass(frozen=True, slots=True)
class Proposal:
    assignment: dict[str, str]  # window -> the one group it serves
    opened: tuple[str, ...]  # closed or paused windows this opens
    freed: tuple[str, ...]  # windows open now that it does not need
    meets_target: bool
    mean_wait_s: float  # analytic, all groups, per citizen
    forecast: dict[str, Forecast]  # simulated, per group

    def requests(self, now_groups: Mapping[str, tuple[str, ...]]) -> list[tuple[str, dict[str, object]]]:
        """The manager's requests that apply it (window.assign where the groups change, window.open)."""
        out: list[tuple[str, dict[str, object]]] = []
        for w, g in sorted(self.assignment.items()):
            if tuple(now_groups.get(w, ())) != (g,):
                out.append(("window.assign", {"window": w, "groups": [g]}))
            if w in self.opened:
                out.append(("window.open", {"window": w}))
        return out


class Search:
    def __init__(self, config: HallConfig, state: HallState, staff: int, horizon_s: float) -> None:
        self.groups = [g.code for g in config.groups]
        self.windows = sorted(state.windows)
        spec = {w.id: set(w.groups) for w in config.windows}
        self.skills = {w: [g for g in self.groups if g in spec.get(w, set()) | set(state.windows[w].groups)]
                       for w in self.windows}
        self.staff = min(staff, len(self.windows))
        svc = {g.code: g.service_s for g in config.groups}
        now = [state.groups.get(g) or GroupNow() for g in self.groups]
        self.demand = [Demand(n.waiting, n.arrivals_per_h, n.service_s or svc[g]) for g, n in zip(self.groups, now,
                                                                                               strict=True)]
        self.horizon_s, self.target_s = horizon_s, config.policy.service_level_s
        self.state = state
        self.cache: dict[Counts, tuple[bool, float]] = {}

    def value(self, counts: Counts) -> tuple[bool, float]:
        """(meets the service level in every group, mean wait per citizen)."""
        if counts not in self.cache:
            scores = [score(d, c, self.horizon_s, self.target_s) for d, c in zip(self.demand, counts, strict=True)]
            total = sum(s.tickets for s in scores)
            mean = sum(s.tickets * s.mean_wait_s for s in scores) / total if total else 0.0
            meets = all(s.within_target >= TARGET_SHARE for s in scores if s.tickets > 0)
            self.cache[counts] = (meets, mean)
        return self.cache[counts]

    def rank(self, counts: Counts) -> tuple[int, float, float]:
        meets, mean = self.value(counts)
        return (0, sum(counts), mean) if meets else (1, mean, sum(counts))  # ties: fewer windows

    def realize(self, counts: Counts) -> dict[str, str] | None:
        """Windows for the staffing, by augmenting paths, preferring windows open now on that group."""
        need = [g for g, c in zip(self.groups, counts, strict=True) for _ in range(c)]
        if len(need) > self.staff:
            return None
        owner: dict[str, int] = {}  # window -> index into need

        def order(g: str) -> list[str]:
            ws = [w for w in self.windows if g in self.skills[w]]
            now = self.state.windows
            return sorted(ws, key=lambda w: (now[w].groups != (g,), now[w].status != "open", w))

        def place(i: int, seen: set[str]) -> bool:
            for w in order(need[i]):
                if w in seen:
                    continue
                seen.add(w)
                if w not in owner or place(owner[w], seen):
                    owner[w] = i
                    return True
            return False

        for i in range(len(need)):
            if not place(i, set()):
                return None
        return {w: need[i] for w, i in owner.items()}

    def feasible(self, counts: Counts) -> bool:
        """Realizable, and no window for a group nobody waits for or comes to (it would change nothing)."""
        idle = any(c and not d.waiting and d.arrivals_per_h <= 0 for c, d in zip(counts, self.demand, strict=True))
        return not idle and self.realize(counts) is not None

    def run(self, keep: int = 3) -> list[Counts]:
        n = len(self.groups)
        seen: set[Counts] = set()
        current: Counts = tuple([0] * n)
        path = [current]
        while sum(current) < self.staff:  # greedy: add the window that helps most
            steps = [tuple(c + (i == j) for j, c in enumerate(current)) for i in range(n)]
            steps = [s for s in steps if self.feasible(s)]
            if not steps:
                break
            current = min(steps, key=lambda s: (self.value(s)[1], s))
            path.append(current)
        frontier = list(path)
        seen.update(path)
        for _ in range(3):  # local moves: one window from a group to another, one more, one less
            nxt = []
            for c in frontier:
                for i in range(n):
                    for j in range(n):
                        s = list(c)
                        if i != j and s[i] > 0:
                            s[i] -= 1
                            s[j] += 1
                        elif i == j:
                            s[i] += 1
                        else:
                            continue
                        for cand in (tuple(s), tuple(x - (k == i) for k, x in enumerate(c))):
                            if min(cand) >= 0 and cand not in seen and self.feasible(cand):
                                seen.add(cand)
                                nxt.append(cand)
            frontier = sorted(nxt, key=self.rank)[:12]
        return sorted(seen, key=self.rank)[:keep]


def propose(config: HallConfig, state: HallState, staff: int | None = None, *, horizon_s: float = 3600.0,
            runs: int = 4, seed: int = 0, keep: int = 3) -> tuple[dict[str, Forecast], list[Proposal]]:
    """The current assignment's forecast per group, and the best `keep` proposals."""
    known = {w.id: state.windows.get(w.id) or WindowNow("closed", w.groups) for w in config.windows}
    state = HallState(state.at, state.groups, known)  # a window the state does not name is closed
    on_duty = staff if staff is not None else sum(1 for w in state.windows.values() if w.status != "closed")
    search = Search(config, state, on_duty, horizon_s)
    now_groups = {w: s.groups for w, s in state.windows.items() if s.groups}
    opened_now = frozenset(w for w, s in state.windows.items() if s.status == "open")
    current = forecasts(config, state, now_groups, opened_now, horizon_s, runs, seed)
    out = []
    for counts in search.run(keep):
        assignment = search.realize(counts) or {}
        meets, mean = search.value(counts)
        opened = tuple(sorted(w for w in assignment if w not in opened_now))
        freed = tuple(sorted(w for w in opened_now if w not in assignment))
        fc = forecasts(config, state, {w: (g,) for w, g in assignment.items()}, frozenset(assignment),
                       horizon_s, runs, seed)
        out.append(Proposal(assignment, opened, freed, meets, mean, fc))
    return current, out
