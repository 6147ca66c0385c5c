"""The Hall aggregate: the one authority over tickets, windows and calls.

Every operation takes `now` and mutates in memory, recording what it changed in
`self.changes`; the service layer persists those changes in the same transaction
as the response, then publishes. Nothing here does I/O.
"""

from __future__ import annotations

from collections import deque

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import appointments, bookings, rules_caps, rules_park, rules_status, visits
from hallcore.alerts import Alert
from hallcore.cases import CaseBook
from hallcore.clock import LocalTime
from hallcore.config import HallConfig
from hallcore.model import AT_WINDOW, QUEUED, Changes, Evaluation, Priority, Status, Ticket, Window
from hallcore.queues import GroupQueue, Line
from hallcore.remote import RemoteTicket
from hallcore.visits import VisitRow
from hallcore.windows import WindowOps

PRIOR_WEIGHT = 5  # the catalog's service time counts as this many observed services


class Hall(WindowOps):
    def __init__(self, config: HallConfig) -> None:
        self.config = config
        self.policy = config.policy
        self.time = LocalTime(config.timezone)
        self.groups = {g.code: g for g in config.groups}
        self.matters = {m.code: m for m in config.matters}
        self.windows: dict[str, Window] = {
            s.id: Window(s.id, s.label, list(s.groups), evaluator=s.evaluator) for s in config.windows}
        self.tickets: dict[str, Ticket] = {}
        self.by_number: dict[str, str] = {}
        self.queues: dict[str, GroupQueue] = {g: GroupQueue() for g in self.groups}
        self.pinned: dict[str, Line] = {w: Line() for w in self.windows}
        self.day = ""
        self.seq: dict[str, int] = {}
        self.citizen_counts: dict[tuple[str, str], int] = {}
        self.appointments_used: set[str] = set()
        self.evaluations: dict[tuple[str, str], Evaluation] = {}
        self.svc: dict[str, list[float]] = {g: [0.0, 0.0] for g in self.groups}
        self.recent_calls: deque[tuple[Ticket, str, float, bool]] = deque(maxlen=10)
        self.parked: dict[str, Ticket] = {}  # hallcore/rules_park.py
        self.auto_recalled: dict[str, int] = {}  # ticket id -> automatic recalls made (rules_missed.py)
        self.ratio_runs: dict[str, tuple[bool, int]] = {}  # window -> (last call normal?, run) (rules_calling.py)
        self.changes = Changes()
        self.alerts: dict[str, Alert] = {}  # 1.1: 'tell me when' subscriptions by ticket id
        self.remote: dict[str, RemoteTicket] = {}  # 1.1: tickets taken on a phone, by ticket id
        self.booking = bookings.BookingState()  # 1.1: 预约, hallcore/bookings.py
        self.cases = CaseBook()  # 1.1: 办件, hallcore/visit_ops.py
        self.visit_log: list[VisitRow] = []  # 1.1: earlier days' visits inside the 跑动次数 window

    # -- bookkeeping -------------------------------------------------------
    def take_changes(self) -> Changes:
        changes, self.changes = self.changes, Changes()
        return changes

    def _touch(self, ticket: Ticket) -> None:
        self.changes.tickets[ticket.id] = ticket

    def _touch_window(self, window: Window) -> None:
        self.changes.windows[window.id] = window

    def roll_day(self, now: float) -> None:
        """At the hall's local midnight numbers restart and yesterday's queue is cancelled."""
        day = self.time.day(now)
        if day == self.day:
            return
        rules_park.expire(self, now, everything=True)
        for t in list(self.tickets.values()):
            if t.status in QUEUED:
                self._dequeue(t)
                t.status = Status.CANCELLED
                self._touch(t)
            if t.status not in AT_WINDOW:
                self.tickets.pop(t.id)
                if t.case is None:  # 跑动次数: the visit stays for the window (hallcore/visits.py)
                    self.visit_log.append(visits.row_of(t))
        self.day, self.seq, self.by_number, self.citizen_counts = day, {}, {}, {}
        self.visit_log = visits.trim(self.visit_log, day, self.config.visits.window_days)
        self.evaluations = {}
        self.svc = {g: [0.0, 0.0] for g in self.groups}

    # -- queues ------------------------------------------------------------
    def _enqueue(self, t: Ticket, transferred: bool = False) -> None:
        if t.target_window is not None:
            self.pinned[t.target_window].push(t)
        else:
            self.queues[t.group].push(t, transferred)

    def _dequeue(self, t: Ticket) -> None:
        if t.target_window is not None:
            self.pinned[t.target_window].remove(t.id)
        else:
            self.queues[t.group].remove(t.id)

    def mean_service_s(self, group: str) -> float:
        total, n = self.svc[group]
        prior = self.groups[group].service_s
        return (total + prior * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT)

    def staffed(self, group: str) -> int:
        return sum(1 for w in self.windows.values() if w.status != "closed" and group in w.groups)

    def ahead(self, t: Ticket) -> int:
        if t.status not in QUEUED:
            return 0
        if t.target_window is not None:
            return self.pinned[t.target_window].position(t.id)
        return self.queues[t.group].ahead_of(t)

    def est_wait_s(self, group: str, ahead: int) -> int | None:
        return rules_status.est_wait_s(self, group, ahead)  # None: no window serves it, no made-up number

    def find(self, ref: str) -> Ticket:
        t = self.tickets.get(ref) or self.tickets.get(self.by_number.get(ref.upper(), ""))
        if t is None:
            raise HallError(E.UNKNOWN_TICKET, f"no ticket {ref!r} today")
        return t

    # -- kiosk -------------------------------------------------------------
    def issue(self, now: float, matter: str, priority: str = "none", appointment: str | None = None,
              citizen_key: str | None = None, name_masked: str | None = None,
              kiosk: str | None = None) -> Ticket:
        self.roll_day(now)
        m = self.matters.get(matter)
        if m is None:
            raise HallError(E.UNKNOWN_MATTER, f"no matter {matter!r} in the catalog")
        try:
            prio = Priority(priority or "none")
        except ValueError:
            raise HallError(E.BAD_REQUEST, f"unknown priority {priority!r}") from None
        if prio is Priority.APPOINTMENT and appointment is None:
            raise HallError(E.BAD_REQUEST, "appointment priority needs an appointment code")
        sig = None
        if appointment is not None:
            sig = self._check_appointment(now, appointment, m.code, citizen_key)
            prio = Priority.APPOINTMENT
        rules_caps.check(self, now, m, sig is not None)  # 限号 / 停止取号: tickets_closed
        if citizen_key is not None:
            limit = self.policy.tickets_per_citizen_matter_day
            if self.citizen_counts.get((citizen_key, m.code), 0) >= limit:
                raise HallError(E.LIMIT_REACHED, f"at most {limit} tickets a day per citizen for this matter")
        g = self.groups[m.group]
        seq = self.seq.get(g.code, 0) + 1
        self.seq[g.code] = seq
        self.changes.counters[(self.day, g.code)] = seq
        number = f"{g.letter}{seq:03d}"
        t = Ticket(id=f"{self.day.replace('-', '')}-{number}", day=self.day, number=number, matter=m.code,
                   group=g.code, priority=prio, issued_at=now, queued_at=now, citizen_key=citizen_key,
                   name_masked=name_masked, appointment=sig, kiosk=kiosk, matters=(m.code,))
        self.tickets[t.id] = t
        self.by_number[number] = t.id
        if citizen_key is not None:
            self.citizen_counts[(citizen_key, m.code)] = self.citizen_counts.get((citizen_key, m.code), 0) + 1
        if sig is not None:
            self.appointments_used.add(sig)
            self.changes.appointments_used[sig] = t.id
            bookings.checked_in(self, sig, t.id)
        self._enqueue(t)
        self._touch(t)
        return t

    def check_appointment(self, now: float, code: str) -> str:
        """The matter of a code that ticket.issue would accept now; the same errors otherwise.
        A check binds no citizen: a code booked for one is not refused here, only at issue (where
        the kiosk has read the citizen's card)."""
        self.roll_day(now)
        matter = appointments.verify(self.config.appointment_key, code, self.config.id, self.time.tz).matter
        if matter not in self.matters:
            raise HallError(E.UNKNOWN_MATTER, f"no matter {matter!r} in the catalog")
        self._check_appointment(now, code, matter, None, bind=False)
        return matter

    def _check_appointment(self, now: float, code: str, matter: str, citizen_key: str | None,
                           *, bind: bool = True) -> str:
        a = appointments.verify(self.config.appointment_key, code, self.config.id, self.time.tz)
        if a.matter != matter:
            raise HallError(E.APPOINTMENT_INVALID, "the appointment is for another matter")
        if bind and a.citizen is not None and not appointments.booked_by(a, citizen_key):
            raise HallError(E.APPOINTMENT_INVALID, "the appointment was booked for a citizen: it needs that "
                                                   "citizen's ID card read at the kiosk, and no other")
        booked = bookings.for_code(self, a.signature)
        if booked is not None:  # a booked code: the reasons a citizen can act on (come back at HH:MM...)
            bookings.sweep(self, now)
            bookings.check_in_window(self, now, booked)
        slot = a.slot.timestamp()
        if booked is None and not slot - self.policy.appointment_early_s <= now <= slot + self.policy.appointment_late_s:
            raise HallError(E.APPOINTMENT_INVALID,
                            f"the appointment is for {a.slot.strftime('%Y-%m-%d %H:%M')}, outside its slot")
        if a.signature in self.appointments_used:
            raise HallError(E.APPOINTMENT_USED, "this appointment was already used")
        return a.signature

    # -- evaluator ---------------------------------------------------------
    def evaluate(self, now: float, window_id: str, ref: str, score: int, reasons: list[str]) -> Evaluation:
        self.roll_day(now)
        t = self.find(ref)
        if not 1 <= score <= 5:
            raise HallError(E.BAD_REQUEST, "score must be 1 (very dissatisfied) to 5 (very satisfied)")
        if t.window != window_id or t.status not in (Status.SERVING, Status.DONE, Status.TRANSFERRED):
            raise HallError(E.INVALID_STATE, f"ticket {t.number} was not served at {window_id}")
        if (t.id, window_id) in self.evaluations:
            raise HallError(E.ALREADY_EVALUATED, f"ticket {t.number} already rated window {window_id}")
        ev = Evaluation(t.id, window_id, score, list(reasons), now, self.day)
        self.evaluations[(t.id, window_id)] = ev
        self.changes.evaluations.append(ev)
        return ev

    def follow_up(self, ref: str, window_id: str, note: str) -> Evaluation:
        """Record how a bad rating was followed up (GB/T 39734: every bad rating is)."""
        t = self.find(ref)
        ev = self.evaluations.get((t.id, window_id))
        if ev is None:
            raise HallError(E.UNKNOWN_TICKET, f"no rating of {t.number} at {window_id} today")
        ev.follow_up = note
        self.changes.evaluations.append(ev)
        return ev
