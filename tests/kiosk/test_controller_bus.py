"""The controller over a real broker and queue server: tickets, refusals, one id per order."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from hallcore import appointments
from hallcore.hallfile import load_hall
from kiosk.model import Citizen
from tests.kiosk.conftest import Hall, Kiosk
from tests.support.server import client

Make = Callable[..., Kiosk]


def _choose(k: Kiosk, matter: str = "hukou-transfer", priority: str = "none") -> None:
    c = k.ctrl
    c.touch()
    c.open_search()
    c.set_query("hkqy")
    c.choose_matter(matter)
    if c.screen == "priority":
        c.choose_priority(priority)
    assert c.screen == "confirm"


def _appointment(matter: str = "hukou-transfer") -> str:
    h = load_hall("demo")
    slot = datetime.now(ZoneInfo(h.timezone)).replace(second=0, microsecond=0)
    return appointments.issue(h.appointment_key, "demo", matter, slot)


def test_ticket_issued_printed_and_health_published(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-01")
    seen: dict[str, dict[str, object]] = {}
    got = threading.Event()
    watcher = client(hall.broker.url, "display-main")

    def on_presence(_t: str, p: bytes) -> None:
        seen["h"] = json.loads(p)
        if seen["h"].get("issued") == 1:
            got.set()

    watcher.subscribe(watcher.topics.presence("kiosk-01"), on_presence)
    _choose(k, priority="disabled")
    k.ctrl.confirm()
    k.ctrl.confirm()  # a double tap
    k.pump.until(lambda: k.ctrl.screen == "ticket")
    t = k.ctrl.view.ticket
    assert t is not None and t.number.startswith("A") and t.priority == "disabled"
    assert len(k.spy.ids) == 1 and len(k.printer.slips) == 1
    slip = k.printer.slips[0]
    assert slip.reference == t.id and slip.number == t.number and slip.matter.zh == "户口迁移登记"
    nxt = f"A{int(t.number[1:]) + 1:03d}"
    assert watcher.request("ticket.status", {"ticket": nxt}, timeout=3).error_code == "unknown_ticket"
    assert got.wait(5), seen
    assert seen["h"]["online"] is True and seen["h"]["printer"] == "ok"
    k.ctrl.tick()
    watcher.stop()


def test_appointment_then_used(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-02")
    code = _appointment()
    k.ctrl.scan(code)
    k.pump.until(lambda: k.ctrl.screen == "confirm")  # checked by the server at the scan
    assert k.ctrl.view.appointment
    k.ctrl.confirm()
    k.pump.until(lambda: k.ctrl.screen == "ticket")
    assert k.ctrl.view.ticket is not None and k.ctrl.view.ticket.priority == "appointment"
    k.ctrl.home()
    k.ctrl.scan(code)  # used: said at the scan, no confirm screen
    k.pump.until(lambda: k.ctrl.screen == "error")
    assert k.ctrl.view.error == "appointment_used"


def test_forged_appointment_is_invalid(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-03")
    code = _appointment()
    k.ctrl.scan(code[:-4] + ("0000" if not code.endswith("0000") else "1111"))
    assert k.ctrl.screen == "checking"
    k.pump.until(lambda: k.ctrl.screen == "error")  # said at the scan: never a confirm screen
    assert k.ctrl.view.error == "appointment_invalid"
    k.ctrl.retry()
    assert k.ctrl.screen == "welcome"


def test_limit_reached_for_one_citizen(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-04")
    who = Citizen("王*", "ef" * 32, 30)
    for _ in range(2):
        k.ctrl.identity(who)
        _choose(k)
        k.ctrl.confirm()
        k.pump.until(lambda: k.ctrl.screen == "ticket")
        k.ctrl.home()
    k.ctrl.identity(who)
    _choose(k)
    k.ctrl.confirm()
    k.pump.until(lambda: k.ctrl.screen == "error")
    assert k.ctrl.view.error == "limit_reached"
    assert len(set(k.spy.ids)) == 3


def test_print_failure_keeps_the_ticket_and_reprints(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-05")
    k.printer.fail = True
    _choose(k)
    k.ctrl.confirm()
    k.pump.until(lambda: k.ctrl.screen == "print_failed")
    number = k.ctrl.view.ticket.number if k.ctrl.view.ticket else ""
    assert k.ctrl.printer_status == "paper_out"
    k.ctrl.reprint()
    assert k.ctrl.screen == "print_failed"  # no paper: reprint waits for the printer
    k.printer.fail = False
    k.ctrl.on_printer_status("ok")
    k.ctrl.reprint()
    k.pump.until(lambda: k.ctrl.screen == "ticket")
    assert [s.number for s in k.printer.slips] == [number] and len(k.spy.ids) == 1


def test_no_open_window_is_said_not_a_made_up_wait(hall: Hall, kiosk_factory: Make) -> None:
    """Hall rules (no_window): a ticket whose group no open window serves says so on the kiosk."""
    k = kiosk_factory(hall.broker.url, "kiosk-02")
    win = client(hall.broker.url, "win-11")  # the only window of the enterprise group
    try:
        def issue() -> None:
            c = k.ctrl
            c.touch()
            c.open_search()
            c.set_query("biz")
            c.choose_matter("biz-license")
            if c.screen == "priority":
                c.choose_priority("none")
            c.confirm()
            k.pump.until(lambda: c.screen == "ticket")

        assert win.request("window.close").ok
        issue()
        t = k.ctrl.view.ticket
        assert t is not None and t.no_window and t.est_wait_s == 0
        k.ctrl.home()
        assert win.request("window.open").ok
        issue()
        t = k.ctrl.view.ticket
        assert t is not None and not t.no_window and t.ahead == 1 and t.est_wait_s > 0
    finally:
        win.stop()
