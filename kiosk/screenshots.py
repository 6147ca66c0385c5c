"""`--screenshot-dir`: a PNG of each screen change, with a JSON of what it shows.

Taken once the change is really drawn (`delay_s` later and at least two frames on, counted
by `frame_drawn` bound to the window's `on_flip`). The JSON is written after the PNG, so a
reader that sees `x.json` finds `x.png` complete. No citizen data goes into either name or JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hallui import screenshots as hallui_screenshots
from kiosk.model import KioskView


def screen_key(view: KioskView) -> tuple[Any, ...]:
    return (view.screen, view.out_of_service, view.lang, view.large, view.page)


def summary(view: KioskView) -> dict[str, Any]:
    return {"screen": view.screen, "lang": view.lang, "large": view.large, "out_of_service": view.out_of_service,
            "page": view.page, "pages": view.pages, "items": [m.code for m in view.items],
            "matter": view.matter.code if view.matter else None, "priority": view.priority,
            "ticket": view.ticket.number if view.ticket else None, "error": view.error}


class Screenshots(hallui_screenshots.Screenshots):
    """The shared screenshots, taken only when the screen really changed, named by screen."""

    def __init__(self, folder: Path, export: Callable[[str], Any],
                 schedule: Callable[[Callable[[], None], float], Any], poke: Callable[[], Any],
                 delay_s: float = 0.1) -> None:
        super().__init__(folder, "kiosk", export, schedule, delay_s, poke,
                         name=lambda count, meta: f"kiosk-{count:04d}-{meta['screen']}")
        self._last: tuple[Any, ...] | None = None

    def request(self, view: KioskView) -> None:  # type: ignore[override]
        key = screen_key(view)
        if key == self._last:
            return
        self._last = key
        super().request(summary(view))
