"""state/alerts into the manager controller (the other state topics come through window_console.bus_feed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallbus.client import BusClient
from hallui.bus_json import json_object_handler
from window_console.bus_feed import safe


def _identity(fn: Callable[..., None]) -> Callable[..., None]:
    return fn


def attach_alerts(bus: BusClient, on_alerts: Callable[[dict[str, Any]], None],
                  wrap: Callable[[Callable[..., None]], Callable[..., None]] = _identity) -> None:
    topic = f"{bus.topics.root}state/alerts"
    bus.subscribe(topic, json_object_handler(wrap(safe(topic, on_alerts))))
