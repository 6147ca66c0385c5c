"""Printer models as data: paper width in dots and the python-escpos capability profile."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    width_dots: int  # printable width; every raster line is drawn at this width
    escpos_profile: str  # a python-escpos capability profile with cut and native QR
    qr_module: int = 6  # dots per QR module: ~4.5 mm modules scan well from a phone


PROFILES: dict[str, PrinterProfile] = {
    "80mm": PrinterProfile("80mm", 576, "TM-T20II", qr_module=8),
    "58mm": PrinterProfile("58mm", 384, "RP-F10-58mm", qr_module=6),
}
DEFAULT_PROFILE = "80mm"


def get_profile(name: str | None) -> PrinterProfile:
    try:
        return PROFILES[name or DEFAULT_PROFILE]
    except KeyError:
        raise ValueError(f"unknown printer profile {name!r}; known: {', '.join(PROFILES)}") from None
