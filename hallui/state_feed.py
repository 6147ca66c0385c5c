"""Hall state into a console's controller (the window console and the manager): JSON parsed
here, each input handed to the UI thread.

Call `attach` before `bus.start()`, so the retained state is the first thing received.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from hallbus.client import BusClient
from hallbus.errors import HallError
from hallui.bus_json import json_object_handler

log = logging.getLogger(__name__)
Wrap = Callable[[Callable[..., None]], Callable[..., None]]
Handler = Callable[[dict[str, Any]], None]


class Fed(Protocol):
    def on_connection(self, up: bool) -> None: ...
    def on_server_presence(self, body: dict[str, Any]) -> None: ...
    def on_catalog(self, body: dict[str, Any]) -> None: ...
    def on_queues(self, body: dict[str, Any]) -> None: ...
    def on_windows(self, body: dict[str, Any]) -> None: ...


def _identity(fn: Callable[..., None]) -> Callable[..., None]:
    return fn


def attach(bus: BusClient, ctrl: Fed, wrap: Wrap = _identity) -> None:
    t = bus.topics
    routes: dict[str, Handler] = {
        t.state("catalog"): ctrl.on_catalog, t.state("queues"): ctrl.on_queues,
        t.state("windows"): ctrl.on_windows, t.presence_server: ctrl.on_server_presence,
    }
    for topic, handler in routes.items():
        bus.subscribe(topic, json_object_handler(wrap(safe(topic, handler))))
    bus.on_connected = wrap(ctrl.on_connection)


def safe(topic: str, handler: Handler) -> Handler:
    """A malformed message is logged and dropped; it must not take the UI thread down."""

    def call(body: dict[str, Any]) -> None:
        try:
            handler(body)
        except (HallError, KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("malformed message on %s (%s): %.200r", topic, exc, body)

    return call

