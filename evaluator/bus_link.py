"""The evaluator's bus side: window state in, the controller's commands out as requests.

Every input crosses to the controller's thread through `wrap` (`hallui.bridge.on_ui`
in the app; the identity in tests that drive it from one thread).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from evaluator.controller import EvaluatorController
from evaluator.model import CheckTicket, Command, Submit
from hallbus.client import BusClient
from hallbus.envelope import Response
from hallbus.errors import HallError

log = logging.getLogger(__name__)
Wrap = Callable[[Callable[..., None]], Callable[..., None]]


class EvaluatorLink:
    def __init__(self, bus: BusClient, wrap: Wrap) -> None:
        self.bus, self.wrap = bus, wrap
        self.ctrl: EvaluatorController | None = None

    def attach(self, ctrl: EvaluatorController) -> None:
        """Subscribe before `bus.start()`, so the retained window state comes first."""
        self.ctrl = ctrl
        self.bus.subscribe(self.bus.topics.state("windows"), self._on_windows)
        self.bus.on_connected = self.wrap(self._connected)

    def send(self, cmd: Command) -> None:
        """The controller's outbox: each command becomes one asynchronous request."""
        if isinstance(cmd, CheckTicket):
            self.bus.request_async("ticket.status", {"ticket": cmd.ticket},
                                   self.wrap(lambda r: self._status(cmd.ticket, r)), timeout=5.0)
        elif isinstance(cmd, Submit):
            self.bus.request_async("evaluation.submit", cmd.args(), self.wrap(lambda r: self._submitted(cmd.rid, r)),
                                   timeout=15.0, request_id=cmd.rid)

    def _connected(self, up: bool) -> None:
        assert self.ctrl is not None
        self.ctrl.on_connection(up)
        if up:  # which window this evaluator is tied to, and its ticket now
            self.bus.request_async("window.current", {}, self.wrap(self._current), timeout=5.0)

    def _current(self, r: Response) -> None:
        assert self.ctrl is not None
        if not r.ok or not isinstance(r.result, dict) or not isinstance(r.result.get("window"), dict):
            log.warning("window.current failed: %s %s", r.error_code, r.error_message)
            return
        window: dict[str, Any] = r.result["window"]
        if window.get("id") != self.ctrl.window_id:
            log.warning("hall file ties this evaluator to %s, not %s: following the hall file",
                        window.get("id"), self.ctrl.window_id)
            self.ctrl.window_id = str(window["id"])
        try:
            self.ctrl.on_window(window)
        except HallError as exc:
            log.warning("window.current answered a window that breaks the contract: %s", exc.message)

    def _on_windows(self, topic: str, payload: bytes) -> None:
        try:
            body = json.loads(payload) if payload else {}
        except ValueError:
            log.warning("unreadable JSON on %s", topic)
            return
        if isinstance(body, dict):
            self.wrap(self._windows)(body)

    def _windows(self, body: dict[str, Any]) -> None:
        assert self.ctrl is not None
        try:
            self.ctrl.on_windows(body)
        except (HallError, KeyError, TypeError, ValueError) as exc:
            log.warning("malformed windows state (%s): %.200r", exc, body)

    def _status(self, ticket: str, r: Response) -> None:
        assert self.ctrl is not None
        status = None
        if r.ok and isinstance(r.result, dict) and isinstance(r.result.get("ticket"), dict):
            status = r.result["ticket"].get("status")
        self.ctrl.on_ticket_status(ticket, status if isinstance(status, str) else None)

    def _submitted(self, rid: str, r: Response) -> None:
        assert self.ctrl is not None
        self.ctrl.on_submitted(rid, r.ok, r.error_code)
