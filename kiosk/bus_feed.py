"""Bus topics into the kiosk controller, and its health out as presence/<device>.

JSON is parsed here; each input is handed to the controller's thread through `wrap`
(`hallui.bridge.on_ui` in the app). Call `attach` before `bus.start()`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from hallbus.client import BusClient
from kiosk.controller import KioskController

log = logging.getLogger(__name__)
Wrap = Callable[[Callable[..., None]], Callable[..., None]]


def _identity(fn: Callable[..., None]) -> Callable[..., None]:
    return fn


def attach(bus: BusClient, ctrl: KioskController, wrap: Wrap = _identity) -> None:
    t = bus.topics
    bus.subscribe(t.state("catalog"), _json(t.state("catalog"), wrap(ctrl.on_catalog)))
    bus.subscribe(t.presence_server, _json(t.presence_server, wrap(ctrl.on_server_presence)))
    bus.on_connected = wrap(ctrl.on_connection)
    ctrl.on_health = lambda health: _publish(bus, health)


def _publish(bus: BusClient, health: dict[str, Any]) -> None:
    if bus.connected:
        bus.publish_presence(health)


def _json(topic: str, handler: Callable[[dict[str, Any]], None]) -> Callable[[str, bytes], None]:
    def on_message(_topic: str, payload: bytes) -> None:
        if not payload:
            return  # a cleared retained message
        try:
            body = json.loads(payload)
        except ValueError:
            log.warning("unreadable JSON on %s", topic)
            return
        if isinstance(body, dict):
            handler(body)
        else:
            log.warning("expected a JSON object on %s", topic)

    return on_message
