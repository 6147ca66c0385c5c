"""A kiosk slip becomes devices' Receipt with the ticket reference as QR payload."""

from __future__ import annotations

from tests.kiosk.test_printing import SLIP


def test_slip_to_receipt() -> None:
    from kiosk.receipt import receipt_maker

    r = receipt_maker("demo")(SLIP)
    assert r.reference == "HQT1:demo:20250101-A001"
    assert (r.number, r.matter_zh, r.hall_en, r.ahead) == ("A001", "户口迁移登记", "Citizen Service Center", 0)
    assert r.issued_at.utcoffset() is not None
