"""The hall's daily rules inside the simulator (hallcore/rules_*.py, run on the real Hall):
daily caps turn arrivals away, missed calls are recalled then no-showed by the rule itself and
may come back re-activated, and a citizen missing a paper is parked and resumed on return.

Where the hall file lacks a rule, the citizen does what they would without it: a late no-show
takes a new ticket, and (with `park_limit_min = 0`) a citizen missing a paper is finished
incomplete and takes a new ticket when back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hallbus.errors import TICKETS_CLOSED, HallError
from hallcore import rules_missed, rules_park, rules_time
from hallcore.model import Status, Ticket

if TYPE_CHECKING:
    from simulator.engine import Arrival, _Run

PARK, BACK, REACTIVATE = 5, 6, 7  # event kinds after the engine's own five
FINISH = 2


class SimRules:
    def __init__(self, run: _Run) -> None:
        self.run = run
        self.refused = 0
        self.arrival: dict[str, Arrival] = {}  # of tickets whose citizen may come back
        self.remaining: dict[str, float] = {}  # service left for a parked ticket
        self.returned: dict[str, list[str]] = {}  # group -> parked tickets whose citizen is back

    @property
    def _park_on(self) -> bool:
        return self.run.hall.config.rules.park_limit_s > 0

    def issue(self, a: Arrival) -> Ticket | None:
        try:
            return self.run.hall.issue(a.at, a.matter, a.priority, a.appointment)
        except HallError as exc:
            if exc.code != TICKETS_CLOSED:
                raise
            self.refused += 1
            return None

    def no_show_after(self, default_s: float, t: Ticket, a: Arrival) -> float:
        self.arrival[t.id] = a
        rule = self.run.hall.config.rules.missed
        return default_s if rule is None else (rule.recalls + 1) * rule.every_s

    def no_show(self, now: float, w: str) -> None:
        h = self.run.hall
        t = h.current(h.windows[w])
        if h.config.rules.missed is not None:
            rules_time.tick(h, now + 1e-6)  # the rule's own no-show (float steps: just past its time)
        if t.status is not Status.NO_SHOW:
            h.no_show(now, w)
        a = self.arrival[t.id]
        if a.back_s is not None:
            self.run.push(now + a.back_s, REACTIVATE, t.id)  # kept in self.arrival until then
        else:
            del self.arrival[t.id]

    def parks(self, now: float, w: str, t: Ticket, a: Arrival) -> bool:
        """A citizen missing a paper: served, then parked (or finished incomplete) halfway through."""
        if a.park_s is None:
            return False
        self.run.hall.serve(now, w)
        self.arrival[t.id] = a
        self.run.push(now + self.run.walk_s + a.service_s / 2, PARK, w, a.service_s / 2)
        return True

    def step(self, now: float, kind: int, key: str, value: float) -> None:
        run, h = self.run, self.run.hall
        if kind == PARK:
            t = h.current(h.windows[key])
            a = self.arrival.pop(t.id)
            if self._park_on:
                rules_park.park(h, now, key, "missing paper")
                self.remaining[t.id] = value
            else:
                h.finish(now, key, "incomplete")
            assert a.park_s is not None
            run.push(now + a.park_s, BACK, t.id, -1.0 if not self._park_on else 0.0)
            self.arrival[t.id] = a
            run.release(now, key)
        elif kind == BACK:
            a = self.arrival.pop(key)
            if value < 0 or h.tickets[key].status is not Status.PARKED:
                self._anew(now, a, with_paper=True)
                return
            idle = list(run.idle[h.tickets[key].group])
            if idle:
                self._resume(now, idle[0], key)
            else:
                self.returned.setdefault(h.tickets[key].group, []).append(key)
        elif kind == REACTIVATE:
            missed = h.tickets.get(key)
            late = self.arrival.pop(key, None) or run.info.get(key)
            if missed is None or late is None:
                return
            try:
                rules_missed.reactivate(h, now, missed.number)
            except HallError:
                self._anew(now, late, with_paper=False)
                return
            run.info[missed.id] = replace(late, no_show=False, back_s=None)
            if run.idle[missed.group]:
                run.call(now, next(iter(run.idle[missed.group])))

    def _anew(self, now: float, a: Arrival, with_paper: bool) -> None:
        """The citizen takes a new ticket (the hall has no rule that keeps their place)."""
        again = replace(a, at=now, no_show=False, back_s=None, park_s=None, appointment=None,
                        service_s=a.service_s / 2 if with_paper else a.service_s)
        self.run.arrive(again)

    def resume_returned(self, now: float, w: str) -> bool:
        """A freed window first takes back a parked citizen of its groups who has returned."""
        for g in self.run.hall.windows[w].groups:
            waiting = self.returned.get(g)
            while waiting:
                tid = waiting.pop(0)
                if self.run.hall.tickets[tid].status is Status.PARKED:
                    self._resume(now, w, tid)
                    return True
        return False

    def _resume(self, now: float, w: str, tid: str) -> None:
        run = self.run
        for g in run.hall.windows[w].groups:
            run.idle[g].pop(w, None)
        t = rules_park.resume(run.hall, now, w, run.hall.tickets[tid].number)
        run.since[w] = (now, t.group)
        run.push(now + self.remaining.pop(tid, 0.0), FINISH, w)
