"""A TicketSlip as devices' Receipt: the QR carries the ticket's phone URL, or `HQT1:<hall>:<ticket id>` without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from kiosk.ports import TicketSlip


def receipt_maker(hall_id: str) -> Callable[[TicketSlip], Any]:
    from devices.receipt import Receipt, ticket_reference

    def to_receipt(slip: TicketSlip) -> Receipt:
        try:
            issued = datetime.fromisoformat(slip.issued_at)
        except ValueError:
            issued = datetime.now().astimezone()
        return Receipt(slip.hall.zh, slip.hall.en, slip.number, slip.matter.zh, slip.matter.en, slip.ahead,
                       slip.wait_min, issued, slip.url or ticket_reference(hall_id, slip.reference))

    return to_receipt
