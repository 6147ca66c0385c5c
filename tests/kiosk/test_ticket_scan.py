"""The kiosk's scanner and a ticket: the page's URL checks it in, an old HQT1 slip asks its status."""

from __future__ import annotations

from hallbus.envelope import Response
from kiosk.controller import KioskController
from kiosk.settings import KioskSettings
from tests.kiosk.catalogs import demo_catalog
from tests.kiosk.fakes import FakeClock, FakePrinter, RecordingIssuer

REF = "20261202-A004.abcdefghijkmnop2"
# a ticket answer as the server sends it (the contract's TicketAnswer)
RESULT = {"ticket": {"id": "20261202-A004", "number": "A004", "matter": "hukou-transfer", "group": "comprehensive",
                     "status": "waiting", "priority": "none", "issued_at": "2026-12-02T09:00:00+08:00",
                     "called_at": None, "window": None},
          "ahead": 2, "est_wait_s": 600}


def kiosk() -> tuple[KioskController, RecordingIssuer]:
    bus = RecordingIssuer()
    c = KioskController(bus, FakePrinter(), KioskSettings(), clock=FakeClock())
    c.on_catalog(demo_catalog())
    c.on_connection(True)
    c.on_server_presence({"online": True})
    c.on_printer_status("ok")
    return c, bus


def test_scanned_page_url_checks_in_and_shows_the_ticket() -> None:
    c, bus = kiosk()
    c.scan(f"https://queue.example.gov.cn/t/{REF}")
    assert bus.calls[-1][:2] == ("ticket.check_in", {"ref": REF})
    bus.callbacks[-1](Response("r", True, RESULT, None, None))
    assert c.view.screen == "ticket" and c.view.ticket is not None and c.view.ticket.number == "A004"


def test_old_slip_asks_status_and_a_refused_ref_is_an_error() -> None:
    c, bus = kiosk()
    c.scan("HQT1:demo:20261202-A004")
    assert bus.calls[-1][:2] == ("ticket.status", {"ticket": "20261202-A004"})
    bus.callbacks[-1](Response("r", True, RESULT, None, None))
    assert c.view.screen == "ticket"
    c.home()
    c.scan(f"https://queue.example.gov.cn/t/{REF}")
    assert len(bus.calls) == 2 and bus.calls[-1][0] == "ticket.check_in"
    bus.callbacks[-1](Response("r", False, None, "unknown_ticket", "no such ticket"))
    assert c.view.screen == "error" and c.view.error == "unknown_ticket"
