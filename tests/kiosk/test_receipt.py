"""A kiosk slip becomes devices' Receipt with the ticket reference as QR payload."""

from __future__ import annotations

from tests.kiosk.test_printing import SLIP


def test_slip_to_receipt() -> None:
    from kiosk.receipt import receipt_maker

    r = receipt_maker("demo")(SLIP)
    assert r.reference == "HQT1:demo:20250101-A001"
    assert (r.number, r.matter_zh, r.hall_en, r.ahead) == ("A001", "户口迁移登记", "Citizen Service Center", 0)
    assert r.issued_at.utcoffset() is not None


def test_wait_words_on_screen_and_slip() -> None:
    from devices.receipt import wait_lines
    from kiosk.texts import ahead_text

    assert ahead_text(1, "en") == "1 person ahead of you" and ahead_text(2, "en") == "2 people ahead of you"
    assert ahead_text(0, "zh") == "您是下一位，请留意叫号" and ahead_text(3, "zh") == "前面还有 3 人"
    assert wait_lines(1, 4)[1] == "1 person ahead, about 4 min wait"
    assert wait_lines(5, 20) == ("前面还有 5 人，预计等候约 20 分钟", "5 people ahead, about 20 min wait")
    assert wait_lines(0, 0) == ("您是下一位，请留意叫号", "You are next: watch for your number")
