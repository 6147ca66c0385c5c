"""Hall hardware: one adapter per kind of device, each with a virtual twin on the real wire.

Cheap to import: names are resolved on first use, so `import devices` pulls in neither
python-escpos, pyserial nor OpenCV.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "open_printer": "devices.printer",
    "TicketPrinter": "devices.printer",
    "Receipt": "devices.receipt",
    "ticket_reference": "devices.receipt",
    "PrinterStatus": "devices.printer_status",
    "open_scanner": "devices.scanners",
    "open_camera": "devices.scanners",
    "Scanner": "devices.scanners",
    "open_id_reader": "devices.idcard_reader",
    "CitizenIdentity": "hallcore.citizen",
    "open_led_sign": "devices.led_sign",
    "DeviceError": "devices.errors",
    "DeviceUnavailable": "devices.errors",
    "PrintFailed": "devices.errors",
    "ProtocolError": "devices.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'devices' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
