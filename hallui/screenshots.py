"""A PNG of the screen after each redraw (`--screenshot-dir`), with a JSON of what it shows.

Shared by every hall app (display, kiosk, consoles, evaluator).

A picture is taken once the change has really been drawn: `delay_s` after the request
and at least two frames later (`frame_drawn` is bound to the window's `on_flip`), so
label textures and layouts have caught up. Bursts of redraws give one picture. The
JSON is written after the PNG, so a reader that sees `x.json` finds `x.png` complete.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
FRAMES = 2


class Screenshots:
    def __init__(self, folder: Path, prefix: str, export: Callable[[str], Any],
                 schedule: Callable[[Callable[[], None], float], Any], delay_s: float = 0.1,
                 poke: Callable[[], Any] = lambda: None,
                 name: Callable[[int, dict[str, Any]], str] | None = None) -> None:
        self.poke = poke  # asks for a frame: a still screen draws none by itself
        self.name = name or (lambda count, _meta: f"{prefix}-{count:04d}")
        self.folder, self.prefix, self.export, self.schedule, self.delay_s = folder, prefix, export, schedule, delay_s
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.frames = 0
        self._meta: dict[str, Any] | None = None

    @property
    def pending(self) -> bool:
        """A picture is asked for and not taken yet (a driver waits on this before its next step)."""
        return self._meta is not None

    def request(self, meta: dict[str, Any]) -> None:
        first = self._meta is None
        self._meta = meta
        self.frames = 0
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
        base = self.folder / self.name(self.count, meta)
        try:
            self.export(str(base.with_suffix(".png")))
            tmp = base.with_suffix(".json.tmp")  # renamed into place: a reader never sees half a JSON
            tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(base.with_suffix(".json"))
        except Exception:  # a full disk must not stop the screen
            log.exception("screenshot %s failed", base)
