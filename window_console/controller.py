"""The window console's logic: actions to requests, answers and hall state to a view.

No Kivy and no MQTT here: the bus, the LED sign, the clock and the UI thread come in as ports.
One action at a time: a second key press while a request is out is refused, so a double
press never calls two citizens (a lost answer is retried by the bus under the same id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hallbus import errors as E
from hallbus.models import CatalogState, GroupQueue, QueuesState
from hallcore.model import Name
from window_console import texts
from window_console.actions import BY_NAME
from window_console.model import UNKNOWN, ConsoleView, GroupLoad, Message, TicketInfo, name_of
from window_console.ports import Answer, Post, Requester, Sign, direct

log = logging.getLogger(__name__)
RESYNC = {E.TICKET_IN_PROGRESS, E.NO_CURRENT_TICKET, E.INVALID_STATE, E.WINDOW_CLOSED}
RELEASED = {"finish": "finished", "no_show": "no_show", "transfer": "transferred", "park": "parked"}
UNDO_S = 5.0  # a no-show (F5, next to F4 finish) is sent only after this long, unless undone


class WindowController:
    def __init__(self, window: str, bus: Requester, clock: Callable[[], float], sign: Sign | None = None,
                 post: Post = direct, timeout_s: float = 8.0) -> None:
        self.window, self.bus, self.clock, self.sign, self.post = window, bus, clock, sign, post
        self.timeout_s = timeout_s
        self.label = Name(window, window)
        self.status = UNKNOWN
        self.groups: list[str] = []
        self.parked: list[str] = []
        self.ticket: TicketInfo | None = None
        self.online = self.server_online = False
        self.busy: str | None = None
        self.message: Message | None = None
        self.matters: dict[str, Name] = {}
        self.group_names: dict[str, Name] = {}
        self.queues: dict[str, GroupQueue] = {}
        self.others: dict[str, Name] = {}  # the hall's other windows, for transfers
        self.sign_state = "none" if sign is None else "ok"
        self._sign_text: str | None = None
        self.answers = 0  # answers handled so far (tests wait on it)
        self._no_show_at: float | None = None  # when the pending no-show goes out
        self._transfer_to: Name | None = None
        self.version = 0
        self.on_change: Callable[[ConsoleView], None] | None = None

    # -- the view ---------------------------------------------------------
    @property
    def view(self) -> ConsoleView:
        loads = tuple(GroupLoad(g, self.group_names.get(g, Name(g, g)), q.waiting if q else 0,
                                float(q.longest_wait_s) if q else 0.0, float(q.est_wait_s or 0) if q else 0.0)
                      for g in self.groups for q in [self.queues.get(g)])
        now = self.clock()
        undo = None if self._no_show_at is None else max(0.0, self._no_show_at - now)
        return ConsoleView(self.window, self.label, self.status, self.online, self.server_online, self.ticket,
                           loads, self.busy, self.message, self.sign_state, now, self.version,
                           tuple(self.parked), undo)

    def _changed(self) -> None:
        self.version += 1
        self._drive_sign()
        if self.on_change is not None:
            self.on_change(self.view)

    def tick(self) -> None:
        """Time passing (the waited clocks, the no-show's undo); the shell calls it often."""
        if self._no_show_at is not None and self.clock() >= self._no_show_at:
            self._no_show_at = None
            self._send("no_show", "ticket.no_show", {})
            return
        if self.on_change is not None and self.ticket is not None:
            self.on_change(self.view)

    def undo(self) -> bool:
        """Take back a pending no-show (Esc or the Undo button)."""
        if self._no_show_at is None:
            return False
        self._no_show_at = None
        self.message = Message("info", "no_show_undone", self.ticket.number if self.ticket else None)
        self._changed()
        return True

    # -- hall state in ----------------------------------------------------
    def on_connection(self, up: bool) -> None:
        self.online = up
        self._changed()
        if up:
            self.resume()

    def on_server_presence(self, body: dict[str, Any]) -> None:
        was, self.server_online = self.server_online, bool(body.get("online"))
        self._changed()
        if self.server_online and not was and self.online:
            self.resume()

    def on_catalog(self, body: dict[str, Any]) -> None:
        catalog = CatalogState.parse(body)
        self.matters = {m.code: m.name for m in catalog.matters}
        self.group_names = {g.code: g.name for g in catalog.groups}
        if self.ticket is not None and self.ticket.matter in self.matters:
            self.ticket = replace(self.ticket, matter_name=self.matters[self.ticket.matter])
        self._changed()

    def on_queues(self, body: dict[str, Any]) -> None:
        self.queues = {q.group: q for q in QueuesState.parse(body).groups}
        self._changed()

    def on_windows(self, body: dict[str, Any]) -> None:
        windows = body.get("windows", [])
        self.others = {w["id"]: name_of(w.get("label"), w["id"]) for w in windows if w.get("id") != self.window}
        mine = next((w for w in windows if w.get("id") == self.window), None)
        if mine is None:
            return
        self._window(mine)
        shown = self.ticket.number if self.ticket else None
        if mine.get("ticket") != shown and self.busy is None:
            self.resume()  # another console (or a restart) moved our ticket: ask the server
        self._changed()

    def _window(self, w: dict[str, Any]) -> None:
        self.label = name_of(w.get("label"), self.window)
        self.status = str(w.get("status") or UNKNOWN)
        groups = [str(g) for g in w.get("groups", [])]
        if self.groups and groups != self.groups:  # the manager reassigned this window: say so
            names = [self.group_names.get(g, Name(g, g)) for g in groups]
            self.message = Message("info", "groups_changed", to=Name("、".join(n.zh for n in names) or "—",
                                                                      ", ".join(n.en for n in names) or "—"))
        self.groups = groups
        self.parked = [str(n) for n in w.get("parked") or []]

    # -- actions ----------------------------------------------------------
    def resume(self) -> None:
        """Pick up the window's status and current ticket from the server (start, restart, resync)."""
        self.bus.request_async("window.current", {}, self.post(self._current), timeout=self.timeout_s)

    def act(self, name: str) -> bool:
        """A button or shortcut without arguments; False when refused at once."""
        if self._no_show_at is not None:
            if name != "no_show":
                return self._refuse("no_show_pending")
            self._no_show_at = None  # F5 again: no need to wait
            return self._send("no_show", "ticket.no_show", {})
        if name == "toggle_open":
            if self.status == "open" and self.ticket is not None:
                return self._refuse("pause_with_ticket")  # the citizen at the desk would be left hanging
            return self._send(name, "window.pause" if self.status == "open" else "window.open", {})
        if name == "no_show" and self.ticket is not None and self.ticket.status == "called" and self.busy is None:
            self._no_show_at = self.clock() + UNDO_S
            self.message = Message("info", "no_show_pending", self.ticket.number)
            self._changed()
            return True
        action = BY_NAME.get(name)
        if action is None or action.op is None:
            raise ValueError(f"{name!r} is not an action without arguments")
        return self._send(name, action.op, {})

    def call_number(self, number: str) -> bool:
        number = number.strip().upper()
        if not number:
            return self._refuse("need_number")
        return self._send("call_number", "call.number", {"number": number})

    def transfer(self, to_group: str | None = None, to_window: str | None = None, note: str | None = None) -> bool:
        if bool(to_group) == bool(to_window):
            return self._refuse("need_target")
        args: dict[str, Any] = {"to_group": to_group} if to_group else {"to_window": to_window}
        if note and note.strip():
            args["note"] = note.strip()
        self._transfer_to = (self.group_names.get(to_group, Name(to_group, to_group)) if to_group
                             else self.others.get(str(to_window), Name(str(to_window), str(to_window))))
        return self._send("transfer", "ticket.transfer", args)

    def park(self, note: str | None = None) -> bool:
        """挂起: the citizen fetches a missing paper; the window is free for the next."""
        return self._send("park", "ticket.park", {"note": note.strip()} if note and note.strip() else {})

    def resume_parked(self, number: str) -> bool:
        """The parked citizen is back: take the ticket again, without queueing."""
        return self._send("resume_parked", "ticket.resume", {"number": number.strip().upper()})

    def can_transfer(self) -> bool:
        """The transfer dialog opens only with a ticket to transfer; otherwise the clerk is told."""
        return self.ticket is not None or self._refuse(E.NO_CURRENT_TICKET)

    def outcome(self, matter: str, outcome: str, missing: list[str] | None = None, note: str | None = None) -> bool:
        """One matter's outcome (1.1): accepted (a case), incomplete + missing materials, rejected + reason, referred."""
        args: dict[str, Any] = {"matter": matter, "outcome": outcome}
        gone = [m.strip() for m in missing or [] if m.strip()]
        if gone:
            args["missing"] = gone
        if note and note.strip():
            args["note"] = note.strip()
        return self._send("outcome", "ticket.outcome", args)

    def transfer_targets(self) -> tuple[dict[str, Name], dict[str, Name]]:
        """The groups and the other windows a ticket may go to: not the group it is already in."""
        here = self.ticket.group if self.ticket else None
        return {c: n for c, n in self.group_names.items() if c != here}, dict(self.others)

    def _refuse(self, code: str) -> bool:
        self.message = Message("error", code)
        self._changed()
        return False

    def _send(self, name: str, op: str, args: dict[str, Any]) -> bool:
        if self.busy is not None:
            return self._refuse("busy")
        self.busy, self.message = name, None
        self._changed()
        self.bus.request_async(op, args, self.post(lambda r: self._answered(name, r)), timeout=self.timeout_s)
        return True

    # -- answers ----------------------------------------------------------
    def _answered(self, name: str, r: Answer) -> None:
        self.busy = None
        self.answers += 1
        if not r.ok:
            code = r.error_code or E.UNAVAILABLE
            log.info("%s refused: %s %s", name, code, r.error_message)
            self.message = Message("error", code, detail=r.error_message)
            self._changed()
            if code in RESYNC:
                self.resume()
            return
        result = r.result if isinstance(r.result, dict) else {}
        if isinstance(result.get("window"), dict):
            self._window(result["window"])
            self.message = Message("info", "window")
        wire = result.get("ticket")
        number = wire.get("number") if isinstance(wire, dict) else None
        if name in RELEASED:
            self.ticket = None
            self.message = Message("info", RELEASED[name], number, to=self._transfer_to if name == "transfer" else None)
        elif isinstance(wire, dict):
            self.ticket = self._ticket(wire)
            event = {"recall": "recalled", "serve": "serving", "resume_parked": "resumed",
                     "outcome": "outcome"}.get(name, "called")
            case = result.get("case")
            self.message = Message("info", "case" if isinstance(case, dict) else event,
                                   str(case["number"]) if isinstance(case, dict) else number)
        elif name == "call_next":
            self.message = Message("info", "nobody_waiting")
        self._changed()

    def _current(self, r: Answer) -> None:
        self.answers += 1
        if not r.ok or not isinstance(r.result, dict):
            log.warning("window.current failed: %s %s", r.error_code, r.error_message)
            return
        if isinstance(r.result.get("window"), dict):
            self._window(r.result["window"])
        wire = r.result.get("ticket")
        before = self.ticket.number if self.ticket else None
        self.ticket = self._ticket(wire) if isinstance(wire, dict) else None
        if self.ticket is not None and self.ticket.number != before:
            self.message = Message("info", "resumed", self.ticket.number)
        self._changed()

    def _ticket(self, wire: dict[str, Any]) -> TicketInfo:
        matter = str(wire.get("matter") or "")
        return TicketInfo.from_wire(wire, self.matters.get(matter, Name(matter, matter)))

    # -- the LED sign -----------------------------------------------------
    def _drive_sign(self) -> None:
        """Write the sign when its text changes; a failure shows on screen, the next change retries."""
        if self.sign is None:
            return
        text = texts.sign_text(self.status, self.ticket) or ""
        if text == self._sign_text:
            return
        self._sign_text = text
        try:
            self.sign.show(text) if text else self.sign.clear()
        except Exception as exc:  # noqa: BLE001 - logged; a broken sign must not stop the clerk's work
            log.warning("LED sign failed: %s", exc)
            self.sign_state = "failed"

    def on_sign_state(self, ok: bool) -> None:
        """A sign written from its own thread (led.BackgroundSign) says whether it took the text."""
        self.sign_state = "ok" if ok else "failed"
        self._changed()
