"""The retained `state/alerts` topic (PROTOCOL.md 1.1): every source's alerts in one message.

A source (the certificate watch, say) hands in its whole current list; the board keeps each
source's list, and publishes the union, retained, whenever it changes, so a console that
connects later sees what is wrong now. Safe to call from any thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

Alert = dict[str, Any]
LEVELS = {"alarm": 0, "warn": 1, "info": 2}


def body(alerts: list[Alert]) -> bytes:
    ordered = sorted(alerts, key=lambda a: (LEVELS.get(a.get("level", ""), 3), a.get("since") or "", a["code"]))
    return json.dumps({"alerts": ordered}, ensure_ascii=False, separators=(",", ":")).encode()


class AlertBoard:
    def __init__(self, publish: Callable[[bytes], None]) -> None:
        self._publish = publish
        self._by_source: dict[str, list[Alert]] = {}
        self._last: bytes | None = None
        self._lock = threading.Lock()

    def set(self, source: str, alerts: list[Alert]) -> None:
        """`source`'s alerts are now exactly `alerts` ([] clears them)."""
        with self._lock:
            self._by_source[source] = list(alerts)
            payload = body([a for items in self._by_source.values() for a in items])
            if payload != self._last:
                self._last = payload
                self._publish(payload)
