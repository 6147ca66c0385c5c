"""`--screenshot-dir`: a PNG of each screen change, with a JSON of what it shows.

Taken once the change is really drawn (`delay_s` later and at least two frames on, counted
by `frame_drawn` bound to the window's `on_flip`). The JSON is written after the PNG, so a
reader that sees `x.json` finds `x.png` complete. No citizen data goes into either name or JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.model import KioskView

log = logging.getLogger(__name__)
FRAMES = 2


def screen_key(view: KioskView) -> tuple[Any, ...]:
    return (view.screen, view.out_of_service, view.lang, view.large, view.page)


def summary(view: KioskView) -> dict[str, Any]:
    return {"screen": view.screen, "lang": view.lang, "large": view.large, "out_of_service": view.out_of_service,
            "page": view.page, "pages": view.pages, "items": [m.code for m in view.items],
            "matter": view.matter.code if view.matter else None, "priority": view.priority,
            "ticket": view.ticket.number if view.ticket else None, "error": view.error}


class Screenshots:
    def __init__(self, folder: Path, export: Callable[[str], Any],
                 schedule: Callable[[Callable[[], None], float], Any], poke: Callable[[], Any],
                 delay_s: float = 0.1) -> None:
        self.folder, self.export, self.schedule, self.poke, self.delay_s = folder, export, schedule, poke, delay_s
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = self.frames = 0
        self._last: tuple[Any, ...] | None = None
        self._meta: dict[str, Any] | None = None

    def request(self, view: KioskView) -> None:
        key = screen_key(view)
        if key == self._last:
            return
        self._last = key
        first = self._meta is None
        self._meta, self.frames = summary(view), 0
        if first:
            self.schedule(self._check, self.delay_s)

    def frame_drawn(self, *_args: Any) -> None:
        self.frames += 1

    def _check(self) -> None:
        if self._meta is None:
            return
        if self.frames < FRAMES:
            self.poke()
            self.schedule(self._check, 0.05)
            return
        meta, self._meta = self._meta, None
        self.count += 1
        base = self.folder / f"kiosk-{self.count:04d}-{meta['screen']}"
        try:
            self.export(str(base.with_suffix(".png")))
            base.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        except Exception:  # a full disk must not stop the kiosk
            log.exception("screenshot %s failed", base)
