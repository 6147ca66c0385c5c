"""The kiosk's typed, frozen settings: loaded once at the entry point, passed in."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class KioskSettings:
    idle_s: float = 60.0  # no touch for this long: back to welcome, the citizen forgotten
    ticket_s: float = 8.0  # "take your ticket" stays this long
    error_s: float = 12.0  # an error message stays this long
    request_timeout_s: float = 10.0  # a ticket.issue retried under one id for this long
    page_size: int = 12  # matters per page
    elderly_age: int | None = None  # set: an ID card this old or older means elderly priority
    lang: str = "zh"
    large: bool = False  # start in large-print mode


def load_settings(path: Path | None, **overrides: Any) -> KioskSettings:
    """`[kiosk]` table of a TOML bundle (or the whole file), then non-None overrides."""
    s = KioskSettings()
    if path is not None:
        data = tomllib.loads(path.read_text("utf-8"))
        table = data.get("kiosk", data)
        known = {f.name for f in fields(KioskSettings)}
        unknown = sorted(set(table) - known)
        if unknown:
            raise ValueError(f"{path}: unknown kiosk setting(s): {', '.join(unknown)}")
        s = replace(s, **table)
    return replace(s, **{k: v for k, v in overrides.items() if v is not None})
