"""Confirm, issue, print: one request id per order, so a double tap or a retry after a lost
answer can never issue two tickets; a ticket whose print failed stays valid and can reprint."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from hallbus.errors import UNAVAILABLE, HallError
from kiosk.model import IssuedTicket
from kiosk.ports import PRINTER_PAPER_OUT, PRINTER_USABLE, TicketSlip
from kiosk.state import KioskState
from kiosk.texts import wait_minutes

if TYPE_CHECKING:
    from kiosk.ticket_code import TicketCode

log = logging.getLogger(__name__)


class IssueMixin(KioskState):
    def confirm(self) -> None:
        self._touched()
        if self.blocked or self.screen != "confirm" or self.matter is None:
            return  # a second tap lands on "issuing" and does nothing
        order = (self.matter.code, self.priority, self.appointment, self.citizen.key if self.citizen else None)
        if order != self._order or self._rid is None:
            self._order, self._rid = order, self.new_id()  # same order again (after 'unavailable'): same id
        args: dict[str, Any] = {"package" if self.matter.package else "matter": self.matter.code,
                                "priority": self.priority}
        if self.appointment is not None:
            args["appointment"] = self.appointment
        if self.citizen is not None:
            args["citizen"] = {"key": self.citizen.key, "name_masked": self.citizen.name_masked}
        rid = self._rid
        self._go("issuing")
        self._render()
        log.info("ticket.issue %s matter=%s priority=%s", rid, self.matter.code, self.priority)
        self.bus.request_async("ticket.issue", args, self.post(lambda resp: self._issued(rid, resp)),
                               self.settings.request_timeout_s, request_id=rid)

    def _issued(self, rid: str, resp: Any) -> None:
        if rid != self._rid or self.screen != "issuing":
            log.warning("answer to %s arrived late (screen %s); ignored", rid, self.screen)
            return
        if not resp.ok:
            code = resp.error_code or "other"
            log.info("ticket.issue %s refused: %s", rid, code)
            if code != UNAVAILABLE:
                self._order = self._rid = None  # a definite answer: a new order gets a new id
            self.error_detail = resp.error_message
            self._fail(code)
            return
        try:
            self.ticket = IssuedTicket.parse(resp.result)
        except HallError as exc:
            log.error("unreadable ticket.issue result for %s: %s", rid, exc.message)
            self._fail("other")
            return
        self._order = self._rid = None
        self.issued += 1
        log.info("issued %s (%s)", self.ticket.number, self.ticket.id)
        self._print()

    def _print(self) -> None:
        t, m = self.ticket, self.matter
        assert t is not None and m is not None
        slip = TicketSlip(self.catalog.hall_name, t.number, m.name, t.priority, t.ahead,
                          wait_minutes(t.est_wait_s), t.issued_at, t.id, t.url)
        self._go("printing")
        self._render()
        number = t.number
        self.printer.submit(slip, self.post(lambda ok, status: self._printed(number, ok, status)))

    def _printed(self, number: str, ok: bool, status: str) -> None:
        self.printer_status = status or self.printer_status
        if self.ticket is None or self.ticket.number != number or self.screen != "printing":
            self._render()
            return
        if ok:
            self._go("ticket")
        else:
            self.print_failures += 1
            log.warning("ticket %s did not print (printer %s)", number, status)
            self._go("print_failed")
        self._render()

    def reprint(self) -> None:
        self._touched()
        if self.screen != "print_failed" or self.ticket is None:
            return
        if self.printer_status in PRINTER_USABLE:
            self.error = None
            self._print()
        else:  # say why nothing comes out, rather than nothing at all
            self.error = "reprint_paper_out" if self.printer_status == PRINTER_PAPER_OUT else "reprint_offline"
            self._render()

    def retry(self) -> None:
        """From the error screen: after 'unavailable' back to confirm (same id), else home."""
        self._touched()
        if self.screen != "error":
            return
        if self.error == UNAVAILABLE and self.matter is not None:
            self.error = None
            self._go("confirm")
            self._render()
        else:
            self.home()

    def look_up(self, code: TicketCode) -> None:
        """A scanned ticket: `ticket.check_in` by ref (the phone's URL), `ticket.status` for an old slip."""
        op, args = (("ticket.check_in", {"ref": code.ref}) if code.ref is not None
                    else ("ticket.status", {"ticket": code.ticket_id}))
        self._go("issuing")
        self._render()

        def answered(resp: Any) -> None:
            if self.screen != "issuing":
                return
            if not resp.ok:
                self._fail(resp.error_code or "other")
                return
            try:
                self.ticket = IssuedTicket.parse(resp.result)
            except (KeyError, TypeError, ValueError):
                self._fail("other")
                return
            self._go("ticket")
            self._render()

        self.bus.request_async(op, args, self.post(answered), self.settings.request_timeout_s)

    def _fail(self, code: str) -> None:
        self.error = code
        self._go("error")
        self._render()
