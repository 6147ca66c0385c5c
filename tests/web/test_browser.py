"""A real phone browser (headless Chromium) on the URL a real slip carries.

Kiosk receipt code -> virtual ESC/POS printer on TCP -> PNG -> QR decoded -> Chromium opens the
page -> a window calls -> the page changes by itself, without a reload. Screenshots of every page
in zh and en at 390x844 go to artifacts/web/.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException

from devices.printer_emulator import PrinterEmulator
from tests.support.browser import CHROMIUM, DRIVER, full_page_png, phone_browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "web"
pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)),
                                reason="Debian chromium and chromium-driver: `make` installs them")


def ok(resp):
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result


def wait_text(driver, element_id: str, expected: str, timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            text = driver.find_element("id", element_id).text
        except WebDriverException:  # the page is reloading itself
            text = ""
        if expected in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"#{element_id} is {text!r}, not {expected!r}")


def print_slip(result: dict, tmp_path: Path) -> str:
    """The kiosk's own slip path (IssuedTicket -> TicketSlip -> Receipt) on the virtual printer."""
    from PIL import Image
    from pyzbar.pyzbar import decode

    from devices.printer import open_printer
    from kiosk.model import IssuedTicket, Name
    from kiosk.ports import TicketSlip
    from kiosk.receipt import receipt_maker

    t = IssuedTicket.parse(result)
    slip = TicketSlip(Name("市民服务中心", "Citizen Service Center"), t.number, Name("企业设立登记", "Company registration"),
                      t.priority, t.ahead, t.est_wait_s // 60, t.issued_at, t.id, t.url)
    emu = PrinterEmulator(tmp_path / "paper").start()
    try:
        open_printer(emu.url).print_receipt(receipt_maker("demo")(slip))
        [png] = emu.wait_for_receipts(1)
    finally:
        emu.stop()
    [code] = [c.data.decode() for c in decode(Image.open(png))]
    return code


def test_slip_url_opens_a_live_page_in_chromium(web_hall, bus, tmp_path):
    w = web_hall()
    kiosk, win, win2 = bus("kiosk-01"), bus("win-11"), bus("win-07")
    for _ in range(3):
        ok(kiosk.request("ticket.issue", {"matter": "biz-license"}))
    mine = ok(kiosk.request("ticket.issue", {"matter": "biz-license"}))
    ok(win.request("window.open"))
    url = print_slip(mine, tmp_path)
    assert url == mine["ticket"]["url"] and url.startswith(w.url + "/t/")

    driver = phone_browser(tmp_path / "chromium")
    try:
        driver.get(url)
        assert driver.find_element("id", "number").text == mine["ticket"]["number"]
        wait_text(driver, "ahead_text", "前面还有 3 人")
        wait_text(driver, "live", "页面会自动更新")  # the event stream is open
        full_page_png(driver, ARTIFACTS / "ticket-waiting-zh.png")
        driver.execute_script("window.__noReload = 'still here'")
        ok(win.request("call.number", {"number": mine["ticket"]["number"]}))
        wait_text(driver, "window_text", "11号窗口")
        assert not driver.find_element("id", "alert-form").is_displayed()  # no reminder for a called ticket
        assert driver.find_element("id", "status_text").text == "请到窗口办理"
        assert driver.execute_script("return window.__noReload") == "still here"  # no reload happened
        full_page_png(driver, ARTIFACTS / "ticket-called-zh.png")

        driver.get(url + "?lang=en")
        wait_text(driver, "window_text", "Window 11")
        assert driver.title == f"{mine['ticket']['number']} · called, Window 11"
        full_page_png(driver, ARTIFACTS / "ticket-called-en.png")
        ok(win.request("ticket.finish"))
        wait_text(driver, "status_text", "Done")  # the page reloads itself to offer the rating
        wait_text(driver, "rate-form", "Rate this visit")
        driver.find_element("css selector", "button[type=submit]").click()  # nothing chosen: errors
        wait_text(driver, "rate-form", "Choose how satisfied you were")
        full_page_png(driver, ARTIFACTS / "rating-error-en.png")
        driver.find_element("css selector", "input[name=score][value='4']").click()
        driver.find_element("css selector", "button[type=submit]").click()
        deadline = time.monotonic() + 5
        while "Thank you for your rating" not in driver.page_source:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        full_page_png(driver, ARTIFACTS / "rated-en.png")
        report = ok(bus("mgr-01").request("hall.report"))
        assert report["windows"]["win-11"]["ratings"] == 1 and report["windows"]["win-11"]["rating_mean"] == 4

        # the other pages, in both languages
        other = ok(kiosk.request("ticket.issue", {"matter": "re-transfer"}))["ticket"]["url"]
        ok(win2.request("window.open"))
        for lang in ("zh", "en"):
            driver.get(f"{other}?lang={lang}")
            wait_text(driver, "number", "B001")
            full_page_png(driver, ARTIFACTS / f"ticket-waiting-alert-form-{lang}.png")
            driver.get(f"{w.url}/?lang={lang}")
            full_page_png(driver, ARTIFACTS / f"hall-{lang}.png")
            driver.get(f"{url[:-2]}xx?lang={lang}")
            assert ("找不到这张票" if lang == "zh" else "Ticket not found") in driver.page_source
            full_page_png(driver, ARTIFACTS / f"not-found-{lang}.png")
        driver.get(f"{other}?lang=zh")
        driver.find_element("id", "phone").send_keys("123")
        driver.find_element("css selector", "#alert-form button").click()
        wait_text(driver, "alert-form", "请输入 11 位手机号码")
        full_page_png(driver, ARTIFACTS / "alert-error-zh.png")
        driver.get(url)
        wait_text(driver, "status_text", "已办结")
        full_page_png(driver, ARTIFACTS / "ticket-done-zh.png")
        logs = driver.get_log("browser")
        assert not [entry for entry in logs if "Content Security Policy" in entry.get("message", "")], logs
    finally:
        driver.quit()
