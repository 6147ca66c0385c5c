"""Read the matter out of a scanned appointment code; the server alone checks the signature.

`HQA1.<hall>.<matter>.<slot>.<citizen key prefix or ->.<nonce>.<signature>`
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "HQA1"


@dataclass(frozen=True, slots=True)
class ScannedAppointment:
    hall: str
    matter: str
    code: str


def parse_appointment(text: str) -> ScannedAppointment | None:
    """None when the text is not shaped like an appointment code at all."""
    code = text.strip()
    if not code.isascii() or len(code) > 200:
        return None
    parts = code.split(".")
    if len(parts) != 7 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return ScannedAppointment(parts[1], parts[2], code)
