"""Pure controller tests: navigation, search, priority, scan, ID card, idle, out of service.

No window, no broker: a fake clock, a hand-written printer, an issuer that only records.
"""

from __future__ import annotations

import pytest

from hallbus.envelope import Response
from kiosk.controller import KioskController
from kiosk.model import Citizen, KioskView
from kiosk.settings import KioskSettings
from tests.kiosk.catalogs import demo_catalog, synthetic_catalog
from tests.kiosk.fakes import FakeClock, FakePrinter, RecordingIssuer

APPT = "HQA1.demo.hukou-transfer.20250101T0900.-.abcd1234.000000000000000000000000"


@pytest.fixture
def k() -> tuple[KioskController, RecordingIssuer, FakeClock]:
    clock, bus = FakeClock(), RecordingIssuer()
    views: list[KioskView] = []
    ctrl = KioskController(bus, FakePrinter(), KioskSettings(elderly_age=65, page_size=4), clock=clock,
                           on_change=views.append)
    ctrl.on_catalog(demo_catalog())
    ctrl.on_connection(True)
    ctrl.on_server_presence({"online": True})
    ctrl.on_printer_status("ok")
    return ctrl, bus, clock


def test_welcome_to_confirm(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, _ = k
    assert c.view.screen == "welcome" and c.view.hall_name.zh == "市民服务中心"
    c.touch()
    assert c.view.screen == "groups" and len(c.view.groups) == 5
    c.choose_group("comprehensive")
    assert c.view.screen == "matters" and len(c.view.items) == 4 and c.view.pages > 1
    c.next_page()
    assert c.view.page == 1
    c.prev_page()
    c.prev_page()
    assert c.view.page == 0
    c.choose_matter(c.view.items[0].code)
    assert c.view.screen == "priority"
    c.choose_priority("pregnant")
    assert c.view.screen == "confirm" and c.view.priority == "pregnant"
    c.back()
    assert c.view.screen == "priority"
    c.back()
    assert c.view.screen == "matters"
    c.back()
    c.back()
    assert c.view.screen == "welcome"


def test_search_with_keyboard(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, _ = k
    c.touch()
    c.open_search()
    for key in "hkq":
        c.press_key(key)
    assert c.view.query == "hkq" and c.view.items[0].code == "hukou-transfer"
    c.press_key("backspace")
    assert c.view.query == "hk"
    c.press_key("clear")
    assert c.view.query == "" and c.view.items == ()
    c.set_query("hkqy")
    c.choose_matter("hukou-transfer")
    assert c.view.screen == "priority"
    c.back()
    assert c.view.screen == "search"


def test_language_and_large_print_on_any_screen(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, _ = k
    c.toggle_lang()
    c.touch()
    c.toggle_large()
    assert c.view.lang == "en" and c.view.large and c.view.screen == "groups"


def test_idle_forgets_the_citizen(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, clock = k
    c.identity(Citizen("张*", "ab" * 32, 70))
    c.choose_group("comprehensive")
    assert c.view.citizen == "张*"
    clock.advance(59)
    c.tick()
    assert c.view.screen == "matters"
    clock.advance(2)
    c.tick()
    assert c.view.screen == "welcome" and c.view.citizen is None and c.citizen is None


def test_id_card_age_gives_elderly(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, _ = k
    c.identity(Citizen("李*", "cd" * 32, 66))
    assert c.view.screen == "groups"
    c.choose_group("comprehensive")
    c.choose_matter("hukou-transfer")
    assert c.view.screen == "confirm" and c.view.priority == "elderly"


def test_appointment_scan_is_checked_then_goes_to_confirm(
        k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, bus, _ = k
    c.scan(APPT)
    assert c.view.screen == "checking"
    op, args, _rid = bus.calls.pop(0)
    assert op == "appointment.check" and args == {"appointment": APPT}
    bus.callbacks.pop(0)(Response("r", True, {"matter": "hukou-transfer"}, None, None))
    v = c.view
    assert v.screen == "confirm" and v.appointment and v.priority == "appointment"
    assert v.matter is not None and v.matter.code == "hukou-transfer"
    c.confirm()
    c.confirm()  # a double tap
    assert len(bus.calls) == 1
    op, args, rid = bus.calls[0]
    assert op == "ticket.issue" and args["appointment"] == APPT and rid


@pytest.mark.parametrize("code", ["appointment_invalid", "appointment_used"])
def test_a_refused_appointment_is_said_at_the_scan(k: tuple[KioskController, RecordingIssuer, FakeClock],
                                                   code: str) -> None:
    c, bus, _ = k
    c.scan(APPT)
    bus.callbacks.pop(0)(Response("r", False, None, code, "refused"))
    assert c.view.screen == "error" and c.view.error == code
    assert [op for op, _a, _r in bus.calls] == ["appointment.check"]


def test_bad_scan_is_appointment_invalid(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, clock = k
    c.scan("https://example.com")
    assert c.view.screen == "error" and c.view.error == "appointment_invalid"
    c.scan(APPT.replace("hukou-transfer", "no-such-matter"))
    assert c.view.error == "appointment_invalid"
    clock.advance(13)
    c.tick()
    assert c.view.screen == "welcome"


def test_out_of_service_and_recovery(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    healths: list[dict[str, object]] = []
    c, _, _ = k
    c.on_health = healths.append
    c.touch()
    c.on_printer_status("paper_out")
    assert c.view.out_of_service == "printer_paper_out" and healths[-1]["printer"] == "paper_out"
    c.choose_group("comprehensive")
    assert c.view.screen == "groups"  # taps under the notice do nothing
    c.on_printer_status("ok")
    assert c.view.out_of_service is None and healths[-1]["out_of_service"] is None
    c.on_server_presence({"online": False})
    assert c.view.out_of_service == "server_offline"
    c.on_server_presence({"online": True})
    c.on_connection(False)
    assert c.view.out_of_service == "no_broker"
    c.on_connection(True)
    assert c.view.out_of_service is None


def test_starts_out_of_service_until_connected() -> None:
    c = KioskController(RecordingIssuer(), FakePrinter())
    assert c.out_of_service == "connecting"
    c.on_connection(True)
    assert c.out_of_service == "connecting"
    c.on_server_presence({"online": True})
    assert c.out_of_service is None


def test_big_catalog_pages() -> None:
    c = KioskController(RecordingIssuer(), FakePrinter(), KioskSettings(page_size=12))
    c.on_catalog(synthetic_catalog(2000))
    c.on_connection(True)
    c.on_server_presence({"online": True})
    c.touch()
    c.choose_group("g0")
    assert c.view.pages == 400 // 12 + 1 and len(c.view.items) == 12
    c.back()
    c.open_search()
    c.set_query("gjj")
    assert c.view.pages > 1 and all("公积金" in m.name.zh for m in c.view.items)


@pytest.mark.parametrize("reason, error", [("expired", "card_expired"), ("read_failed", "card_read_failed"),
                                           ("invalid", "card_invalid"), ("new-reason", "card_invalid")])
def test_an_id_card_problem_is_said_on_the_screen(k: tuple[KioskController, RecordingIssuer, FakeClock],
                                                  reason: str, error: str) -> None:
    c, _, _ = k
    c.card_problem(reason)
    assert c.view.screen == "error" and c.view.error == error
    c.retry()
    assert c.view.screen == "welcome"


def test_hardware_keys_and_the_pinyin_candidate_bar(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, _, _ = k
    c.touch()
    c.type_text("h")  # typing on the groups screen opens the search
    assert c.view.screen == "search" and c.view.query == "h"
    c.type_text("u")
    assert c.view.candidates[0] == "户"
    c.choose_candidate("户")
    assert c.view.query == "户" and "hukou-transfer" in [m.code for m in c.view.items]
    c.type_text("口")  # from an input method
    assert c.view.query == "户口" and c.view.candidates == ()
    c.choose_candidate("x")  # not offered: nothing
    assert c.view.query == "户口"
    c.type_text("\x1b\t")
    assert c.view.query == "户口"


def test_reprint_while_out_of_paper_says_so(k: tuple[KioskController, RecordingIssuer, FakeClock]) -> None:
    c, bus, _ = k
    printer = c.printer
    assert isinstance(printer, FakePrinter)
    printer.fail = True
    c.touch()
    c.choose_group("comprehensive")
    c.choose_matter("hukou-transfer")
    c.choose_priority("none")
    c.confirm()
    ticket = {"id": "20261202-A001", "number": "A001", "matter": "hukou-transfer", "group": "comprehensive",
              "status": "waiting", "priority": "none", "issued_at": "2026-12-02T09:00:00+08:00",
              "called_at": None, "window": None}  # a ticket answer as the contract's TicketAnswer reads it
    bus.callbacks.pop(0)(Response("r", True, {"ticket": ticket, "ahead": 1, "est_wait_s": 600}, None, None))
    assert c.view.screen == "print_failed" and c.view.error is None
    c.reprint()
    assert c.view.screen == "print_failed" and c.view.error == "reprint_paper_out" and not printer.slips
    printer.fail = False
    c.on_printer_status("ok")  # paper loaded
    assert c.view.error is None
    c.reprint()
    assert c.view.screen == "ticket" and len(printer.slips) == 1


def test_elderly_priority_from_the_id_card_is_the_default() -> None:
    from kiosk.main import parse_args

    assert parse_args(["--printer", "jsonl:x"]).elderly_from_id is True
    assert parse_args(["--printer", "jsonl:x", "--no-elderly-from-id"]).elderly_from_id is False
