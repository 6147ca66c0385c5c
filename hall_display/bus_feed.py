"""Bus topics into the display controller: JSON parsed here, each input handed to one thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from hall_display.controller import DisplayController
from hallbus.client import BusClient
from hallbus.errors import HallError
from hallui.bus_json import json_object_handler

log = logging.getLogger(__name__)
Wrap = Callable[[Callable[..., None]], Callable[..., None]]


def _identity(fn: Callable[..., None]) -> Callable[..., None]:
    return fn


def attach(bus: BusClient, ctrl: DisplayController, wrap: Wrap = _identity) -> None:
    """Subscribe `ctrl` to the hall's calls, state and server presence.

    `wrap` moves each input onto the controller's thread (`hallui.bridge.on_ui` in the app);
    call before `bus.start()` so the retained state is the first thing received.
    """
    t = bus.topics
    routes: dict[str, Callable[[dict[str, Any]], None]] = {
        t.event_call: ctrl.on_call, t.state("calls"): ctrl.on_calls, t.state("queues"): ctrl.on_queues,
        t.state("catalog"): ctrl.on_catalog, t.presence_server: ctrl.on_server_presence,
    }
    for topic, handler in routes.items():
        bus.subscribe(topic, json_object_handler(wrap(_safe(topic, handler))))
    bus.on_connected = wrap(ctrl.on_connection)


def _safe(topic: str, handler: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """A malformed message is logged and dropped; it must not take the UI thread down."""

    def call(body: dict[str, Any]) -> None:
        try:
            handler(body)
        except (HallError, KeyError, TypeError, ValueError) as exc:
            log.warning("malformed message on %s (%s): %.200r", topic, exc, body)

    return call

