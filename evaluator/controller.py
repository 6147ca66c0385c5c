"""The evaluator's state machine, from window state, server answers, touches and keys.

idle --(the window's ticket leaves, and it was served)--> rating --score 3..5--> sending
rating --score 1..2--> reasons --submit or timeout--> sending --answer--> thanks --> idle
rating --timeout--> idle (quietly, nothing sent)

Single-threaded by contract (the shell hands every input to one thread); time is
injected; requests leave through `outbox` as commands. Only ticket, score and
reasons are ever sent: nothing about the person rating is shown or sent.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from evaluator.levels import BAD_MAX, REASON_CODES
from evaluator.model import CheckTicket, Command, EvalView, Phase, Submit, WindowInfo
from hallbus.errors import ALREADY_EVALUATED
from hallbus.models import WindowsState

RATEABLE = frozenset({"serving", "done", "transferred"})  # as the server rules (hallcore.hall.evaluate)
ALREADY = ALREADY_EVALUATED


class EvaluatorController:
    def __init__(self, window_id: str, outbox: Callable[[Command], None], clock: Callable[[], float] = time.monotonic,
                 rating_timeout_s: float = 30.0, thanks_s: float = 5.0,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
                 on_change: Callable[[EvalView], None] | None = None) -> None:
        self.window_id, self.outbox, self.clock, self.new_id = window_id, outbox, clock, new_id
        self.rating_timeout_s, self.thanks_s = rating_timeout_s, thanks_s
        self.on_change = on_change
        self._view = EvalView(window=WindowInfo(window_id))
        self._seen_window = False
        self._checking: str | None = None
        self._next: str | None = None
        self._pending_rid: str | None = None
        self._rated: deque[str] = deque(maxlen=100)
        self._deadline = float("inf")

    @property
    def view(self) -> EvalView:
        return self._view

    # -- the window ------------------------------------------------------
    def on_windows(self, raw: dict[str, Any]) -> None:
        for w in WindowsState.parse(raw).windows:
            if w.id == self.window_id:
                self._window(WindowInfo.of(w))

    def on_window(self, raw: dict[str, Any]) -> None:
        self._window(WindowInfo.parse(raw))

    def _window(self, info: WindowInfo) -> None:
        before, seen = self._view.window.ticket, self._seen_window
        self._seen_window = True
        self._set(window=info)
        if seen and before is not None and info.ticket != before and before not in self._rated:
            self._checking = before  # the visit of `before` just ended: was it served?
            self.outbox(CheckTicket(before))

    def on_ticket_status(self, number: str, status: str | None) -> None:
        """The answer to CheckTicket; None when the server could not say (then ask anyway)."""
        if number != self._checking:
            return
        self._checking = None
        if status is not None and status not in RATEABLE:
            return  # a no-show or a cancelled ticket: nobody to ask
        if self._view.phase == Phase.SENDING:
            self._next = number
        else:
            self._start(number)

    def on_connection(self, up: bool) -> None:
        self._set(online=up)

    # -- the citizen -----------------------------------------------------
    def choose(self, score: int) -> None:
        if self._view.phase != Phase.RATING or score not in range(1, 6):
            return
        if score <= BAD_MAX:
            self._deadline = self.clock() + self.rating_timeout_s
            self._set(phase=Phase.REASONS, score=score, reasons=())
        else:
            self._send(score, ())

    def toggle(self, reason: str) -> None:
        if self._view.phase != Phase.REASONS or reason not in REASON_CODES:
            return
        chosen = self._view.reasons
        self._deadline = self.clock() + self.rating_timeout_s
        self._set(reasons=tuple(r for r in REASON_CODES if (r in chosen) != (r == reason)))

    def submit_reasons(self) -> None:
        if self._view.phase == Phase.REASONS and self._view.score is not None:
            self._send(self._view.score, self._view.reasons)

    def key(self, key: str) -> None:
        """A hardware keypad: '1'..'5' is the score; on the reasons step it toggles reason n; Enter/# submits."""
        if key in ("\r", "\n", "#"):
            self.submit_reasons()
        elif key.isdigit() and 1 <= int(key) <= 5:
            if self._view.phase == Phase.RATING:
                self.choose(int(key))
            elif self._view.phase == Phase.REASONS:
                self.toggle(REASON_CODES[int(key) - 1])

    def on_submitted(self, rid: str, ok: bool, code: str | None) -> None:
        if rid != self._pending_rid:
            return
        self._pending_rid = None
        message = "thanks" if ok else "already" if code == ALREADY else "failed"
        if ok or code == ALREADY:
            self._rated.append(self._view.ticket or "")
        self._deadline = self.clock() + self.thanks_s
        self._set(phase=Phase.THANKS, message=message)

    def tick(self) -> None:
        if self.clock() < self._deadline:
            return
        phase = self._view.phase
        if phase == Phase.REASONS:
            self.submit_reasons()  # the citizen did rate; send what was chosen
        elif phase in (Phase.RATING, Phase.THANKS):
            self._idle()

    # -- steps -----------------------------------------------------------
    def _start(self, number: str) -> None:
        self._deadline = self.clock() + self.rating_timeout_s
        self._set(phase=Phase.RATING, ticket=number, score=None, reasons=(), message=None)

    def _send(self, score: int, reasons: tuple[str, ...]) -> None:
        ticket = self._view.ticket
        assert ticket is not None
        self._pending_rid = self.new_id()
        self._deadline = float("inf")  # the bus request has its own timeout
        self._set(phase=Phase.SENDING, score=score, reasons=reasons)
        self.outbox(Submit(self._pending_rid, ticket, score, reasons))

    def _idle(self) -> None:
        self._deadline = float("inf")
        nxt, self._next = self._next, None
        if nxt is not None:
            self._start(nxt)
        else:
            self._set(phase=Phase.IDLE, ticket=None, score=None, reasons=(), message=None)

    def _set(self, **changes: Any) -> None:
        v = replace(self._view, **changes)
        if v != self._view:
            self._view = replace(v, version=self._view.version + 1)
            if self.on_change is not None:
                self.on_change(self._view)
