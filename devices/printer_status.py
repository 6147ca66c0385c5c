"""Printer status: the real-time status bytes of ESC/POS (DLE EOT n) read as one word.

python-escpos 3.1 reports paper "adequate" when the answer is empty (a closed peer) and lets a
silent peer raise a bare TimeoutError; here an empty or missing answer is always `offline`.
"""

from __future__ import annotations

from enum import StrEnum

DLE_EOT = b"\x10\x04"
Q_PRINTER, Q_OFFLINE_CAUSE, Q_PAPER = DLE_EOT + b"\x01", DLE_EOT + b"\x02", DLE_EOT + b"\x04"
# Bits of the answers (Epson ESC/POS reference, DLE EOT).
OFFLINE_BIT = 0x08  # n=1
COVER_OPEN_BIT, PAPER_STOP_BIT = 0x04, 0x20  # n=2
NEAR_END_BITS, PAPER_END_BITS = 0x0C, 0x60  # n=4
FIXED = 0x12  # bits 1 and 4 are always set in every DLE EOT answer


class PrinterStatus(StrEnum):
    OK = "ok"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"

    @property
    def can_print(self) -> bool:
        return self in (PrinterStatus.OK, PrinterStatus.PAPER_NEAR_END)


def _byte(answer: bytes) -> int | None:
    # A real answer is one byte with the fixed bits set; anything else is not a printer talking.
    if len(answer) != 1 or answer[0] & 0x93 != FIXED:
        return None
    return answer[0]


def decode_status(printer: bytes, cause: bytes, paper: bytes) -> PrinterStatus:
    """The three answers (DLE EOT 1, 2, 4) as one status."""
    p, c, r = _byte(printer), _byte(cause), _byte(paper)
    if p is None or c is None or r is None:
        return PrinterStatus.OFFLINE
    if c & COVER_OPEN_BIT:
        return PrinterStatus.COVER_OPEN
    if r & PAPER_END_BITS or c & PAPER_STOP_BIT:
        return PrinterStatus.PAPER_OUT
    if p & OFFLINE_BIT:
        return PrinterStatus.OFFLINE
    if r & NEAR_END_BITS:
        return PrinterStatus.PAPER_NEAR_END
    return PrinterStatus.OK


def encode_status(status: PrinterStatus) -> dict[bytes, int]:
    """The answer byte a printer in `status` gives to each query (the emulator's side)."""
    offline = status not in (PrinterStatus.OK, PrinterStatus.PAPER_NEAR_END)
    cause = {PrinterStatus.COVER_OPEN: COVER_OPEN_BIT, PrinterStatus.PAPER_OUT: PAPER_STOP_BIT}.get(status, 0)
    paper = {PrinterStatus.PAPER_OUT: PAPER_END_BITS | NEAR_END_BITS,
             PrinterStatus.PAPER_NEAR_END: NEAR_END_BITS}.get(status, 0)
    return {b"\x01": FIXED | (OFFLINE_BIT if offline else 0), b"\x02": FIXED | cause,
            b"\x03": FIXED, b"\x04": FIXED | paper}
