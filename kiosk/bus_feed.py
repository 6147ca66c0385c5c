"""Bus topics into the kiosk controller, and its health out as presence/<device>.

JSON is parsed here; each input is handed to the controller's thread through `wrap`
(`hallui.bridge.on_ui` in the app). Call `attach` before `bus.start()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallbus.client import BusClient
from hallui.bus_json import json_object_handler
from kiosk.controller import KioskController

Wrap = Callable[[Callable[..., None]], Callable[..., None]]


def _identity(fn: Callable[..., None]) -> Callable[..., None]:
    return fn


def attach(bus: BusClient, ctrl: KioskController, wrap: Wrap = _identity) -> None:
    t = bus.topics
    bus.subscribe(t.state("catalog"), json_object_handler(wrap(ctrl.on_catalog)))
    bus.subscribe(t.presence_server, json_object_handler(wrap(ctrl.on_server_presence)))
    bus.on_connected = wrap(ctrl.on_connection)
    ctrl.on_health = lambda health: _publish(bus, health)


def _publish(bus: BusClient, health: dict[str, Any]) -> None:
    if bus.connected:
        bus.publish_presence(health)

