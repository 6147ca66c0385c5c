"""The discrete-event engine: one heap of window events, arrivals merged in time order,
every step an operation on the real `hallcore.hall.Hall` (its calling policy included).

An open window with no ticket is idle and, by construction, has nothing to call: it is
woken by the next arrival of one of its groups. Each window's busy spans (call to release)
and open spans are recorded for utilisation.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hallcore.config import HallConfig
from hallcore.hall import Hall
from hallcore.model import Ticket, WindowStatus
from simulator.engine_rules import BACK, PARK, REACTIVATE, SimRules

SERVE, NO_SHOW, FINISH, BREAK, RESUME = range(5)  # PARK, BACK, REACTIVATE: simulator/engine_rules.py
CHANGES_EVERY = 512  # drop the hall's change log this often (it only feeds the store and topics)


@dataclass(frozen=True, slots=True)
class Arrival:
    at: float
    matter: str
    priority: str = "none"
    service_s: float = 300.0
    no_show: bool = False
    appointment: str | None = None
    park_s: float | None = None  # missing a paper: parked halfway through service, back after this
    back_s: float | None = None  # a no-show who comes back after this (re-activated, where the hall allows)


@dataclass(frozen=True, slots=True)
class Break:
    window: str
    at: float
    duration_s: float


@dataclass(frozen=True, slots=True)
class InService:
    """A ticket at a window when the run starts (planner): it leaves after `remaining_s`."""

    window: str
    matter: str
    remaining_s: float


@dataclass(frozen=True, slots=True)
class Start:
    at: float
    assignment: Mapping[str, Sequence[str]]  # window -> groups; others keep the hall file's
    open: frozenset[str]  # open from the start; the others stay closed
    waiting: Sequence[Arrival] = ()  # already queued (at <= start), oldest first
    in_service: Sequence[InService] = ()


@dataclass(slots=True)
class Outcome:
    day0: float  # local midnight of the simulated day
    tickets: list[Ticket]
    busy: list[tuple[str, str, float, float]]  # window, group, from, to
    open_spans: list[tuple[str, float, float]]  # window, from, to
    end: float
    unmeasured: set[str] = field(default_factory=set)  # ids of the in-service tickets at the start
    refused: int = 0  # tickets_closed: a daily cap or a last-ticket time turned them away


class _Run:
    def __init__(self, config: HallConfig, start: Start, walk_s: float, no_show_wait_s: float) -> None:
        self.hall = h = Hall(config)
        self.walk_s, self.no_show_wait_s = walk_s, no_show_wait_s
        self.heap: list[tuple[float, int, int, str, float]] = []
        self.seq = 0
        self.info: dict[str, Arrival] = {}
        self.idle: dict[str, dict[str, None]] = {g: {} for g in h.groups}
        self.since: dict[str, tuple[float, str]] = {}
        self.open_since: dict[str, float] = {}
        self.pending_break: dict[str, float] = {}
        self.idle_at: dict[str, float] = {}
        self.busy: list[tuple[str, str, float, float]] = []
        self.spans: list[tuple[str, float, float]] = []
        self.rules = SimRules(self)  # park, missed calls, caps: simulator/engine_rules.py
        now = start.at
        for w, groups in start.assignment.items():
            h.assign(now, w, list(groups))
        for w in start.open:
            h.set_status(now, w, WindowStatus.OPEN)
            self.open_since[w] = now

    def push(self, at: float, kind: int, window: str, value: float = 0.0) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (at, self.seq, kind, window, value))

    def call(self, now: float, w: str) -> None:
        h = self.hall
        groups = h.windows[w].groups
        for g in groups:
            self.idle[g].pop(w, None)
        t = h.call_next(now, w)
        if t is None:
            for g in groups:
                self.idle[g][w] = None
            self.idle_at[w] = now
            return
        a = self.info.pop(t.id)
        self.since[w] = (now, t.group)
        if a.no_show:
            self.push(now + self.rules.no_show_after(self.no_show_wait_s, t, a), NO_SHOW, w)
        elif self.rules.parks(now, w, t, a):
            pass
        elif self.walk_s > 0:
            self.push(now + self.walk_s, SERVE, w, a.service_s)
        else:
            h.serve(now, w)
            self.push(now + a.service_s, FINISH, w)

    def arrive(self, a: Arrival) -> None:
        t = self.rules.issue(a)
        if t is None:
            return
        self.info[t.id] = a
        idle = self.idle[t.group]
        if idle:
            self.call(a.at, next(iter(idle)))

    def release(self, now: float, w: str) -> None:
        begun, group = self.since.pop(w)
        self.busy.append((w, group, begun, now))
        if w in self.pending_break:
            self.pause(now, w, self.pending_break.pop(w))
        elif not self.rules.resume_returned(now, w):
            self.call(now, w)

    def pause(self, now: float, w: str, duration_s: float) -> None:
        for g in self.hall.windows[w].groups:
            self.idle[g].pop(w, None)
        self.hall.set_status(now, w, WindowStatus.PAUSED)
        self.spans.append((w, self.open_since.pop(w), now))
        self.push(now + duration_s, RESUME, w)

    def step(self, now: float, kind: int, w: str, value: float) -> None:
        h = self.hall
        if kind == SERVE:
            h.serve(now, w)
            self.push(now + value, FINISH, w)
        elif kind == FINISH:
            h.finish(now, w)
            self.release(now, w)
        elif kind == NO_SHOW:
            self.rules.no_show(now, w)
            self.release(now, w)
        elif kind in (PARK, BACK, REACTIVATE):
            self.rules.step(now, kind, w, value)
        elif kind == BREAK:
            if w not in self.open_since or w in self.pending_break:
                return  # closed, or already on a break
            if w in self.since:
                self.pending_break[w] = value  # the clerk finishes the current ticket first
            else:
                self.pause(now, w, value)
        elif kind == RESUME:
            h.set_status(now, w, WindowStatus.OPEN)
            self.open_since[w] = now
            self.call(now, w)


def run(config: HallConfig, start: Start, arrivals: Sequence[Arrival], breaks: Sequence[Break] = (), *,
        walk_s: float = 15.0, no_show_wait_s: float = 60.0, day0: float = 0.0,
        close_at: float | None = None, until: float | None = None) -> Outcome:
    """Simulate from `start` until every ticket is finished (or `until`); arrivals sorted by time."""
    r = _Run(config, start, walk_s, no_show_wait_s)
    h, unmeasured = r.hall, set()
    for s in start.in_service:
        t = h.issue(start.at, s.matter)
        h.call_next(start.at, s.window)  # the only ticket its groups hold yet: it is called
        h.serve(start.at, s.window)
        r.since[s.window] = (start.at, t.group)
        r.push(start.at + s.remaining_s, FINISH, s.window)
        unmeasured.add(t.id)
    for a in start.waiting:
        t = h.issue(a.at, a.matter, a.priority, a.appointment)
        r.info[t.id] = a
    for w in sorted(start.open):
        if w not in r.since:
            r.call(start.at, w)
    for b in breaks:
        r.push(b.at, BREAK, b.window, b.duration_s)
    limit = float("inf") if until is None else until
    heap, i, n, steps, now = r.heap, 0, len(arrivals), 0, start.at
    while True:
        if i < n and (not heap or arrivals[i].at <= heap[0][0]):
            if arrivals[i].at > limit:
                break
            now = arrivals[i].at
            r.arrive(arrivals[i])
            i += 1
        elif heap:
            if heap[0][0] > limit:
                break
            now, _, kind, w, value = heapq.heappop(heap)
            r.step(now, kind, w, value)
        else:
            break
        steps += 1
        if steps % CHANGES_EVERY == 0:
            h.take_changes()
    h.take_changes()
    end = max(now, close_at or now)
    if until is not None and (heap or i < n):
        end = until
    closing = end if close_at is None else close_at
    for w, t0 in r.open_since.items():  # an idle window closes at closing time, or when it runs dry after
        r.spans.append((w, t0, end if w in r.since else min(end, max(closing, r.idle_at.get(w, t0), t0))))
    return Outcome(day0, list(h.tickets.values()), r.busy, r.spans, end, unmeasured, r.rules.refused)
