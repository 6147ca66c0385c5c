"""Booking from a real phone browser (headless Chromium): matter, day, slot with places left, the
ID number and a code by the SMS twin; the confirmation's QR is the HQA1 code the kiosk checks; the
cancel link frees the place. The ID number is nowhere: not in a page, a text or a log."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import httpx
import pytest

from hallcore.citizen import check_char, citizen_key
from hallcore.hallfile import load_hall
from tests.support.browser import CHROMIUM, DRIVER, full_page_png, phone_browser
from tests.support.server import client

pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)),
                                reason="Debian chromium and chromium-driver: `make` installs them")
ROOT = Path(__file__).resolve().parents[2]
PHONE = "13912345679"
ID17 = "11010119900307451"
ID_NUMBER = ID17 + check_char(ID17)


def wait_for(cond, timeout: float = 10.0, what: str = ""):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def qr_of(driver, tmp: Path) -> str:  # type: ignore[no-untyped-def]
    from PIL import Image
    from pyzbar.pyzbar import decode

    shot = tmp / "done.png"
    driver.save_screenshot(str(shot))
    found = decode(Image.open(shot))
    assert found, "no QR on the confirmation page"
    return str(found[0].data.decode("ascii"))


def test_book_confirm_check_code_and_cancel_in_chromium(broker, tmp_path, sms_hall, web_hall) -> None:  # type: ignore[no-untyped-def]
    twin, hall_path = sms_hall
    web = web_hall()
    driver = phone_browser(tmp_path / "profile")
    kiosk = client(broker.url, "kiosk-01")
    try:
        driver.get(f"{web.url}/book?q=re")
        driver.find_element("css selector", "a[href^='/book/re-transfer']").click()
        days = driver.find_elements("css selector", "nav.days a")
        days[0].click()  # the first day after today: its morning is still open whatever the hour now
        day = driver.current_url.split("day=")[1][:10]
        radios = [r for r in driver.find_elements("css selector", "input[name=slot]") if r.is_enabled()]
        assert radios, driver.page_source[-1500:]
        assert "(3)" in driver.find_element("id", "book-slot").text  # places left, from the server
        slot = radios[0].get_attribute("value")
        radios[0].click()
        driver.find_element("id", "name").send_keys("张三")
        driver.find_element("id", "id_number").send_keys(ID_NUMBER)
        driver.find_element("id", "phone").send_keys(PHONE)
        before = len(twin.messages)
        driver.find_element("css selector", "#book-form button").click()
        wait_for(lambda: len(twin.messages) > before, what="the code text")
        assert ID_NUMBER not in driver.page_source and ID_NUMBER[:14] not in driver.page_source
        code = re.search(r"\b(\d{6})\b", twin.messages[-1]["text"]).group(1)  # type: ignore[union-attr]
        driver.find_element("id", "code").send_keys(code)
        driver.find_element("css selector", "#book-form button").click()
        assert "预约成功" in driver.find_element("tag name", "h1").text, driver.page_source[-1500:]
        assert slot.replace("T", " ") in driver.find_element("id", "when").text
        full_page_png(driver, ROOT / "artifacts" / "web" / "book-done-zh.png")
        hqa = qr_of(driver, tmp_path)
        en = httpx.get(f"{web.url}/book/re-transfer/confirm?lang=en")  # the page's language link
        assert en.status_code == 303 and en.headers["location"] == "/book/re-transfer?lang=en"
        assert hqa.startswith("HQA1.demo.re-transfer.")
        confirm = wait_for(lambda: next((m for m in twin.messages if m["id"].startswith("booked:")), None),
                           what="the confirmation text")
        assert "/book/cancel/" in confirm["text"] and slot.replace("T", " ") in confirm["text"]
        # the kiosk checks the QR's code, bound to this citizen's key: tomorrow's is for another day
        key = citizen_key(ID_NUMBER, load_hall(str(hall_path)).citizen_salt)
        r = kiosk.request("ticket.issue", {"matter": "re-transfer", "appointment": hqa,
                                           "citizen": {"key": key, "name_masked": "张*"}})
        assert r.error_code == "appointment_invalid" and "another day" in (r.error_message or ""), r
        web_bus = client(broker.url, "mgr-01")
        listing = web_bus.request("booking.list", {"date": day}).result
        web_bus.stop()
        assert [b["name_masked"] for b in listing["bookings"]] == ["张*"]
        # cancel from the page's link
        driver.find_element("id", "cancel").click()
        driver.find_element("css selector", "#cancel-form button").click()
        assert "预约已取消" in driver.find_element("tag name", "h1").text
        driver.get(f"{web.url}/book/re-transfer?day={day}")
        assert "(3)" in driver.find_element("id", "book-slot").text
        # the ID number went nowhere
        for log in tmp_path.glob("*.log"):
            text = log.read_text("utf-8", "replace")
            assert ID_NUMBER not in text and ID_NUMBER[:14] not in text, log
        assert all(ID_NUMBER not in m["text"] for m in twin.messages)
    finally:
        kiosk.stop()
        driver.quit()
