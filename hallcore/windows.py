"""What a window does: open, pause, close, call, serve, finish, transfer; and a manager's assign.

A mixin of the Hall aggregate, kept in its own file so each stays short.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore import rules_calling
from hallcore.model import QUEUED, Changes, Status, Ticket, Window, WindowStatus

if TYPE_CHECKING:
    from hallcore.config import Policy
    from hallcore.model import Group
    from hallcore.queues import GroupQueue, Line


class WindowOps:
    windows: dict[str, Window]
    tickets: dict[str, Ticket]
    queues: dict[str, GroupQueue]
    pinned: dict[str, Line]
    groups: dict[str, Group]
    policy: Policy
    svc: dict[str, list[float]]
    day: str
    recent_calls: deque[tuple[Ticket, str, float, bool]]
    changes: Changes

    def roll_day(self, now: float) -> None: ...
    def find(self, ref: str) -> Ticket:
        raise NotImplementedError  # provided by Hall
    def _touch(self, ticket: Ticket) -> None: ...
    def _touch_window(self, window: Window) -> None: ...
    def _enqueue(self, t: Ticket, transferred: bool = False) -> None: ...
    def _dequeue(self, t: Ticket) -> None: ...

    def window(self, window_id: str) -> Window:
        w = self.windows.get(window_id)
        if w is None:
            raise HallError(E.UNKNOWN_WINDOW, f"no window {window_id!r} in this hall")
        return w

    def current(self, w: Window) -> Ticket:
        if w.ticket is None:
            raise HallError(E.NO_CURRENT_TICKET, f"{w.id} has no current ticket")
        return self.tickets[w.ticket]

    def set_status(self, now: float, window_id: str, status: WindowStatus) -> Window:
        self.roll_day(now)
        w = self.window(window_id)
        if status is WindowStatus.CLOSED and w.ticket is not None:
            raise HallError(E.TICKET_IN_PROGRESS, f"{w.id} must finish its current ticket before closing")
        w.status = status
        self._touch_window(w)
        return w

    def assign(self, now: float, window_id: str, groups: list[str]) -> Window:
        self.roll_day(now)
        w = self.window(window_id)
        unknown = [g for g in groups if g not in self.groups]
        if unknown:
            raise HallError(E.UNKNOWN_GROUP, f"no service group {', '.join(unknown)}")
        if not groups:
            raise HallError(E.BAD_REQUEST, "a window serves at least one group")
        w.groups = list(dict.fromkeys(groups))
        self._touch_window(w)
        return w

    def _ready_to_call(self, w: Window) -> None:
        if w.status is not WindowStatus.OPEN:
            raise HallError(E.WINDOW_CLOSED, f"{w.id} is {w.status.value}; open it to call")
        if w.ticket is not None:
            raise HallError(E.TICKET_IN_PROGRESS,
                            f"{w.id} still has {self.tickets[w.ticket].number}: finish, no-show or transfer it")

    def _take(self, now: float, w: Window, t: Ticket) -> Ticket:
        self._dequeue(t)
        t.status, t.called_at, t.window, t.target_window = Status.CALLED, now, w.id, None
        w.ticket = t.id
        self._touch(t)
        self._touch_window(w)
        self._announce(now, t, w, recall=False)
        return t

    def _announce(self, now: float, t: Ticket, w: Window, recall: bool) -> None:
        self.recent_calls.appendleft((t, w.id, now, recall))
        self.changes.calls.append((t, w.id, now, recall))

    def call_next(self, now: float, window_id: str) -> Ticket | None:
        self.roll_day(now)
        w = self.window(window_id)
        self._ready_to_call(w)
        t = rules_calling.choose(self, w, now)  # type: ignore[arg-type]  # the mixin is always a Hall
        return None if t is None else self._take(now, w, t)

    def call_number(self, now: float, window_id: str, number: str) -> Ticket:
        self.roll_day(now)
        w = self.window(window_id)
        self._ready_to_call(w)
        t = self.find(number)
        if t.status not in QUEUED and t.status is not Status.NO_SHOW:
            raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}, not waiting")
        if t.target_window is not None and t.target_window != w.id:
            raise HallError(E.NOT_ALLOWED, f"ticket {t.number} was transferred to {t.target_window}; "
                                           "only that window may call it")
        return self._take(now, w, t)

    def recall(self, now: float, window_id: str) -> Ticket:
        w = self.window(window_id)
        t = self.current(w)
        t.recalls += 1
        self._touch(t)
        self._announce(now, t, w, recall=True)
        return t

    def serve(self, now: float, window_id: str, outcome: str | None = None) -> Ticket:
        t = self.current(self.window(window_id))
        if t.status is not Status.CALLED:
            raise HallError(E.INVALID_STATE, f"ticket {t.number} is {t.status.value}, not called")
        t.status, t.served_at = Status.SERVING, now
        t.outcome = outcome or t.outcome
        self._touch(t)
        return t

    def _release(self, w: Window, t: Ticket, status: Status, outcome: str | None) -> Ticket:
        t.status = status
        t.outcome = outcome or t.outcome
        w.ticket = None
        self._touch(t)
        self._touch_window(w)
        return t

    def no_show(self, now: float, window_id: str, outcome: str | None = None) -> Ticket:
        w = self.window(window_id)
        t = self.current(w)
        if t.status is not Status.CALLED:
            raise HallError(E.INVALID_STATE, f"ticket {t.number} is being served; finish it instead")
        t.finished_at = now
        return self._release(w, t, Status.NO_SHOW, outcome)

    def finish(self, now: float, window_id: str, outcome: str | None = None) -> Ticket:
        w = self.window(window_id)
        t = self.current(w)
        t.served_at = t.served_at or t.called_at
        t.finished_at = now
        if t.day == self.day:  # a ticket left at a window overnight teaches today nothing (as restore.py)
            stats = self.svc[t.group]
            stats[0] += now - (t.served_at or now)
            stats[1] += 1
        return self._release(w, t, Status.DONE, outcome)

    def transfer(self, now: float, window_id: str, to_group: str | None, to_window: str | None,
                 note: str | None) -> Ticket:
        w = self.window(window_id)
        t = self.current(w)
        if (to_group is None) == (to_window is None):
            raise HallError(E.BAD_REQUEST, "transfer needs exactly one of to_group or to_window")
        if to_group is not None and to_group not in self.groups:
            raise HallError(E.UNKNOWN_GROUP, f"no service group {to_group!r}")
        if to_window is not None:
            if to_window == w.id:
                raise HallError(E.BAD_REQUEST, "cannot transfer a ticket to its own window")
            self.window(to_window)
        self._release(w, t, Status.TRANSFERRED, None)
        t.group = to_group or t.group
        t.target_window, t.note, t.queued_at = to_window, note, now
        self._enqueue(t, transferred=True)
        return t
