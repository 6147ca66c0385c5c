"""The real device adapters of devices/, opened from URLs, behind the kiosk's ports.

devices/ owns the wires (ESC/POS printers, serial scanners, ID card readers, cameras); this
module only opens them and turns what they give into the kiosk's values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.model import Citizen
from kiosk.ports import TicketSlip

log = logging.getLogger(__name__)


def open_printer(url: str, profile: str | None, hall_id: str) -> tuple[Any, Callable[[TicketSlip], Any]]:
    """(device, render): `jsonl:PATH` is the kiosk's own development printer."""
    if url.startswith("jsonl:"):
        from kiosk.jsonl_printer import JsonlPrinter

        return JsonlPrinter(Path(url[len("jsonl:"):])), lambda slip: slip
    import devices
    from kiosk.receipt import receipt_maker

    printer = devices.open_printer(url, profile) if profile else devices.open_printer(url)
    return printer, receipt_maker(hall_id)


class Input:
    """A started device that calls back; `start`/`stop` from the composition root."""

    def __init__(self, name: str, device: Any, callback: Callable[[Any], None],
                 on_error: Callable[[Any], None] | None = None) -> None:
        self.name, self.device, self.callback, self.on_error = name, device, callback, on_error

    def start(self) -> None:
        if self.on_error is None:
            self.device.start(self.callback)
        else:
            self.device.start(self.callback, self.on_error)

    def stop(self) -> None:
        stop = getattr(self.device, "stop", None) or getattr(self.device, "close", None)
        if stop is not None:
            try:
                stop()
            except Exception:
                log.exception("stopping %s failed", self.name)


def citizen_of(identity: Any) -> Citizen:
    """devices' CitizenIdentity (masked name, salted key, age): nothing else is kept."""
    age = getattr(identity, "age", None)
    return Citizen(str(identity.name_masked), str(identity.key), int(age) if age is not None else None)


@dataclass(frozen=True, slots=True)
class InputUrls:
    """Where the kiosk's input devices are (the `--scanner`, `--camera`, `--id-reader` flags)."""

    scanner: str | None = None
    camera: str | None = None
    id_reader: str | None = None


def card_reason(exc: Exception) -> str | None:
    """What the citizen is told about a reader error: the card's reason, or None for the wire's
    own troubles (unplugged, bad frames), which are support's business, not the citizen's."""
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, str) else None


def open_inputs(args: InputUrls, salt: bytes, on_code: Callable[[str], None],
                on_identity: Callable[[Citizen], None],
                on_card_problem: Callable[[str], None] | None = None) -> list[Input]:
    if not (args.scanner or args.camera or args.id_reader):
        return []
    import devices

    out = []
    if args.scanner:
        out.append(Input("scanner", devices.open_scanner(args.scanner), on_code))
    if args.camera:
        out.append(Input("camera", devices.open_camera(args.camera), on_code))
    if args.id_reader:
        def reader_error(exc: Exception) -> None:
            log.warning("id reader: %s", exc)  # the reader says a condition once, not per poll
            reason = card_reason(exc)
            if reason is not None and on_card_problem is not None:
                on_card_problem(reason)

        out.append(Input("id reader", devices.open_id_reader(args.id_reader, salt),
                         lambda identity: on_identity(citizen_of(identity)), reader_error))
    return out
