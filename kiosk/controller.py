"""The kiosk as a state machine: no Kivy, no MQTT, an injected clock and ports.

Single-threaded by contract: every method runs on one thread (Kivy's, via
`hallui.bridge.on_ui`); callbacks from the bus and the printer come back through `post`.
A changed picture goes to `on_change`, a changed health summary to `on_health`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hallbus import errors as E
from hallbus.errors import HallError
from kiosk.issuing import IssueMixin
from kiosk.model import PRIORITIES, Catalog, Citizen, IssuedTicket, KioskView, Matter
from kiosk.navigation import FLOW, NavigationMixin
from kiosk.ports import (
    PRINTER_OFFLINE,
    PRINTER_PAPER_OUT,
    PRINTER_UNKNOWN,
    PRINTER_USABLE,
    Issuer,
    Post,
    PrintQueue,
    direct,
)
from kiosk.search import SearchIndex
from kiosk.settings import KioskSettings
from kiosk.state import Health

log = logging.getLogger(__name__)
IDLE_HOME = tuple(s for s in FLOW if s != "welcome") + ("checking", "print_failed", "error")


class KioskController(NavigationMixin, IssueMixin):
    def __init__(self, bus: Issuer, printer: PrintQueue, settings: KioskSettings | None = None,
                 clock: Callable[[], float] = time.monotonic, new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
                 post: Post = direct, index: Callable[..., SearchIndex] = SearchIndex,
                 on_change: Callable[[KioskView], None] | None = None,
                 on_health: Callable[[Health], None] | None = None) -> None:
        self.bus, self.printer = bus, printer
        self.settings = settings or KioskSettings()
        self.clock, self.new_id, self.post, self._make_index = clock, new_id, post, index
        self.on_change, self.on_health = on_change, on_health
        self.catalog = Catalog()
        self._index: SearchIndex | None = None
        self.lang, self.large = self.settings.lang, self.settings.large
        self.printer_status = PRINTER_UNKNOWN
        self._broker_up = False
        self._server_up: bool | None = None
        self.issued = self.print_failures = 0
        self._view = KioskView()
        self._health: Health = {}
        self._reset()
        self._last_touch = self._since = clock()

    # -- the citizen's session --------------------------------------------
    def _reset(self) -> None:
        """Back to welcome: everything about the citizen is forgotten."""
        self.screen = "welcome"
        self.group: str | None = None
        self.page = 0
        self.query = ""
        self.results: list[Matter] = []
        self.matter: Matter | None = None
        self.priority = "none"
        self.appointment: str | None = None
        self.citizen: Citizen | None = None
        self.came_from = "matters"
        self.ticket: IssuedTicket | None = None
        self.error: str | None = None
        self.error_detail: str | None = None
        self._order: tuple[Any, ...] | None = None
        self._rid: str | None = None
        self._check_rid: str | None = None

    def _go(self, screen: str) -> None:
        self.screen, self._since = screen, self.clock()

    def _touched(self) -> None:
        self._last_touch = self.clock()

    @property
    def view(self) -> KioskView:
        return self._view

    @property
    def out_of_service(self) -> str | None:
        if not self._broker_up:
            return "no_broker" if self._server_up is not None else "connecting"
        if self._server_up is None:
            return "connecting"
        if not self._server_up:
            return "server_offline"
        if self.printer_status == PRINTER_PAPER_OUT:
            return "printer_paper_out"
        if self.printer_status not in PRINTER_USABLE:
            return "printer_offline"
        return None

    @property
    def blocked(self) -> bool:
        """Out of service and in the part of the flow the notice covers."""
        return self.out_of_service is not None and self.screen in FLOW

    # -- bus and device inputs ---------------------------------------------
    def on_catalog(self, raw: dict[str, Any]) -> None:
        try:
            catalog = Catalog.parse(raw)
        except HallError as exc:  # keep showing the catalog we have rather than an empty one
            log.warning("the retained catalog was refused: %s", exc.message)
            return
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog, self._index = catalog, None
        if self.query:
            self.results = self.index.search(self.query)
        self._render()

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = self._make_index(self.catalog.matters, groups=self.catalog.groups)
        return self._index

    def on_server_presence(self, raw: dict[str, Any]) -> None:
        self._server_up = bool(raw.get("online"))
        self._render()

    def on_connection(self, up: bool) -> None:
        self._broker_up = up
        if self._server_up is None and not up:
            self._server_up = None
        self._render(force_health=up)  # the bus rewrites presence on connect: publish health again

    def on_printer_status(self, status: str) -> None:
        self.printer_status = status or PRINTER_OFFLINE
        if self.screen == "print_failed" and self.printer_status in PRINTER_USABLE:
            self.error = None  # "cannot print again now" no longer holds
        self._render()

    def tick(self) -> None:
        """Call about once a second: timeouts back to welcome."""
        now = self.clock()
        shown = now - self._since
        idle = now - max(self._last_touch, self._since)
        timed_out = (self.screen == "ticket" and shown >= self.settings.ticket_s
                     or self.screen == "error" and shown >= self.settings.error_s
                     or self.screen in IDLE_HOME and idle >= self.settings.idle_s)
        if timed_out:
            log.info("%s timed out: back to welcome", self.screen)
            self.home()

    # -- picture -------------------------------------------------------------
    def _render(self, force_health: bool = False) -> None:
        items: tuple[Matter, ...] = ()
        pages = 1
        if self.screen in ("matters", "search"):
            full = self.catalog.in_group(self.group or "") if self.screen == "matters" else tuple(self.results)
            # large print: two thirds as many tiles per page, so each can hold a two-line name
            size = max(1, self.settings.page_size * 2 // 3 if self.large else self.settings.page_size)
            pages = max(1, -(-len(full) // size))
            self.page = min(self.page, pages - 1)
            items = full[self.page * size:(self.page + 1) * size]
        v = KioskView(screen=self.screen, lang=self.lang, large=self.large, hall_name=self.catalog.hall_name,
                      out_of_service=self.out_of_service if self.blocked else None, groups=self.catalog.groups,
                      group=self.catalog.group(self.group or ""), items=items, page=self.page, pages=pages,
                      query=self.query, candidates=self.index.candidates(self.query) if self.screen == "search"
                      else (), matter=self.matter, priority=self.priority,
                      appointment=self.appointment is not None,
                      citizen=self.citizen.name_masked if self.citizen else None, ticket=self.ticket,
                      error=self.error, printer=self.printer_status, version=self._view.version,
                      error_detail=self.error_detail if self.error == E.TICKETS_CLOSED else None)
        if v != self._view:
            self._view = replace(v, version=v.version + 1)
            if self.on_change is not None:
                self.on_change(self._view)
        health = {"printer": self.printer_status, "out_of_service": self.out_of_service,
                  "issued": self.issued, "print_failures": self.print_failures,
                  "catalog_matters": len(self.catalog.matters)}
        if (health != self._health or force_health) and self.on_health is not None:
            self.on_health(health)
        self._health = health


__all__ = ["KioskController", "PRIORITIES"]
