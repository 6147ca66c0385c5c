"""The display's state, from bus messages alone: no Kivy, no MQTT, an injected clock.

Single-threaded by contract: the shell calls every method on one thread (Kivy's, via
`hallui.bridge.on_ui`). Each input returns nothing; a changed picture goes to `on_change`.
Only live `event/call` messages are announced and highlighted: retained `state/calls`
redraws the list after a reboot without calling anyone twice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hall_display.model import Call, DisplayView, GroupLine, Name
from hallbus.models import CallsState, CatalogState, GroupQueue, Presence, QueuesState
from hallui.hall_time import HallTime

Clock = Callable[[], float]


class DisplayController:
    def __init__(self, clock: Clock = time.monotonic, highlight_s: float = 8.0, keep: int = 10,
                 announce: Callable[[Call], None] | None = None,
                 on_change: Callable[[DisplayView], None] | None = None) -> None:
        self.clock, self.highlight_s, self.keep = clock, highlight_s, keep
        self.announce = announce
        self.on_change = on_change
        self._view = DisplayView()
        self._announced: deque[tuple[str, str, str, bool]] = deque(maxlen=100)
        self._hl_key: tuple[str, str, str, bool] | None = None
        self._hl_until = 0.0
        self._names: dict[str, Name] = {}
        self._queues: tuple[GroupQueue, ...] = ()
        self._broker_up = False
        self._server_up: bool | None = None
        self.hall_time = HallTime()  # the clock shows the hall's time zone, from the catalog

    @property
    def view(self) -> DisplayView:
        return self._view

    # -- inputs ----------------------------------------------------------
    def on_call(self, raw: dict[str, Any]) -> None:
        """A live call or recall (event/call): announce it once, put it on top, highlight it."""
        call = Call.parse(raw)
        if call.key in self._announced:
            return  # a duplicate QoS 1 delivery
        self._announced.append(call.key)
        self._hl_key, self._hl_until = call.key, self.clock() + self.highlight_s
        if self.announce is not None:
            self.announce(call)
        self._set(recent=self._merge([call, *self._view.recent]))

    def on_calls(self, raw: dict[str, Any]) -> None:
        """Retained state/calls: the server's list wins, but keeps live calls it has not caught up with."""
        state = [Call.of(c) for c in CallsState.parse(raw).calls]
        newest = max((c.when for c in state), default=float("inf"))  # an empty list: a new day, clear
        keys = {c.key for c in state}
        ahead = [c for c in self._view.recent if c.key not in keys and c.when > newest]
        self._set(recent=self._merge(ahead + state))

    def on_catalog(self, raw: dict[str, Any]) -> None:
        catalog = CatalogState.parse(raw)
        self._names = {g.code: g.name for g in catalog.groups}
        self.hall_time.set_zone(catalog.hall.timezone if catalog.hall else None)
        self._set(hall_name=catalog.hall.name if catalog.hall else Name("", ""), groups=self._lines())

    def on_queues(self, raw: dict[str, Any]) -> None:
        self._queues = QueuesState.parse(raw).groups
        self._set(groups=self._lines())

    def on_server_presence(self, raw: dict[str, Any]) -> None:
        self._server_up = Presence.parse(raw).online
        self._set(offline=self._offline())

    def on_connection(self, up: bool) -> None:
        self._broker_up = up
        self._set(offline=self._offline())

    def tick(self) -> None:
        """Call a few times a second: ends the highlight when its time is up."""
        self._set()

    # -- derived ---------------------------------------------------------
    def _merge(self, calls: list[Call]) -> tuple[Call, ...]:
        unique: dict[tuple[str, str, str, bool], Call] = {}
        for c in calls:
            unique.setdefault(c.key, c)
        return tuple(sorted(unique.values(), key=lambda c: c.when, reverse=True)[: self.keep])

    def _lines(self) -> tuple[GroupLine, ...]:
        out = []
        for g in self._queues:
            out.append(GroupLine(g.group, self._names.get(g.group, Name(g.group, g.group)), g.waiting,
                                 g.est_wait_s or 0, g.windows_open, g.status.value if g.status else "open"))
        return tuple(out)

    def _offline(self) -> str | None:
        if not self._broker_up:
            return "no_broker"
        if self._server_up is None:
            return "connecting"
        return None if self._server_up else "server_offline"

    def _set(self, **changes: Any) -> None:
        v = replace(self._view, **changes)
        current = v.recent[0] if v.recent else None
        hl = current is not None and current.key == self._hl_key and self.clock() < self._hl_until
        v = replace(v, current=current, highlight=hl)
        if v != self._view:
            self._view = replace(v, version=self._view.version + 1)
            if self.on_change is not None:
                self.on_change(self._view)
