"""What the controller needs from the outside, as small Protocols; the shell passes them in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from hallbus.ports import Answer as Answer
from hallbus.ports import Requester
from hallui.post import Post as Post
from hallui.post import direct as direct
from kiosk.model import Name

# Printer statuses the kiosk understands; adapters map their device's words onto these.
PRINTER_OK = "ok"
PRINTER_PAPER_LOW = "paper_low"
PRINTER_PAPER_OUT = "paper_out"
PRINTER_OFFLINE = "offline"
PRINTER_UNKNOWN = "unknown"
PRINTER_USABLE = (PRINTER_OK, PRINTER_PAPER_LOW, PRINTER_UNKNOWN)


Issuer = Requester  # the kiosk's name for the bus it issues tickets through


@dataclass(frozen=True, slots=True)
class TicketSlip:
    """What goes on paper; the printer adapter turns it into its device's receipt."""
    hall: Name
    number: str
    matter: Name
    priority: str
    ahead: int
    wait_min: int
    issued_at: str
    reference: str  # the ticket id
    url: str = ""  # the ticket's phone page (1.1): what the QR carries, where the hall has a public URL


PrintDone = Callable[[bool, str], None]  # (printed, printer status)


class PrintQueue(Protocol):
    """Prints off the UI thread and reports back through `done` (on any thread)."""

    def submit(self, slip: TicketSlip, done: PrintDone) -> None: ...
