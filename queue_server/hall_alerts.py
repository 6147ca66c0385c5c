"""The hall's own alerts for `state/alerts`: the hall (no_window, past_target, window_paused_long),
device presence (device_fault, device_offline) and SMS (sms_failing), computed by the pure
functions of hallcore/hall_alerts.py about once a second on the worker thread.

Each source's current list goes to `sink(source, alerts)`, the shape of a board that keeps every
source's list and publishes their union retained when it changes (the certificate watch feeds
the same board with its own source). Until a board is handed in, `RetainedAlerts` is that board.
Presence arrives on paho's thread and is only stored there.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from hallbus.mqtt import Connection
from hallbus.topics import Topics
from hallcore.hall_alerts import LEVEL_ORDER, Alert, device_alerts, hall_alerts, merge, sms_alerts, to_wire
from hallcore.model import WindowStatus
from queue_server.service import QueueService

log = logging.getLogger(__name__)
Sink = Callable[[str, list[dict[str, Any]]], None]


class RetainedAlerts:
    """Every source's list, their union published retained on `state/alerts` when it changes."""

    def __init__(self, conn: Connection, topics: Topics) -> None:
        self.conn, self.topic = conn, topics.state_alerts
        self.by_source: dict[str, list[dict[str, Any]]] = {}
        self.last: bytes | None = None

    def set(self, source: str, alerts: list[dict[str, Any]]) -> None:
        self.by_source[source] = list(alerts)
        union = sorted((a for items in self.by_source.values() for a in items),
                       key=lambda a: (LEVEL_ORDER.get(a.get("level", ""), 3), a.get("since") or "", a["code"]))
        body = json.dumps({"alerts": union}, ensure_ascii=False, separators=(",", ":")).encode()
        if body != self.last:
            self.conn.publish(self.topic, body, retain=True)
            self.last = body


class HallAlerts:
    def __init__(self, service: QueueService, conn: Connection, topics: Topics, sink: Sink | None = None) -> None:
        self.service = service
        self.board = RetainedAlerts(conn, topics)
        self.sink: Sink = sink or self.board.set
        self.presence: dict[str, dict[str, Any]] = {}
        self.paused_since: dict[str, float] = {}
        self.first_seen: dict[str, dict[tuple[str, str], float]] = {}
        self.sms_failures = 0  # set by an SMS sender, when there is one
        self.sms_failing_since: float | None = None
        self.sources: dict[str, Callable[[float], list[Alert]]] = {
            "hall": self._hall, "devices": self._devices, "sms": self._sms}
        conn.subscribe(topics.presence("+"), self._on_presence)

    def _on_presence(self, topic: str, payload: bytes) -> None:
        device = topic.rsplit("/", 1)[-1]
        try:
            body = json.loads(payload) if payload else {"online": False}
        except ValueError:
            log.warning("presence of %s is not JSON; ignored", device)
            return
        if device != "server" and isinstance(body, dict):
            self.presence[device] = body

    def _hall(self, now: float) -> list[Alert]:
        hall = self.service.hall
        for w in hall.windows.values():
            if w.status is WindowStatus.PAUSED:
                self.paused_since.setdefault(w.id, now)  # counted from when this server saw it paused
            else:
                self.paused_since.pop(w.id, None)
        return hall_alerts(hall, now, self.paused_since)

    def _devices(self, now: float) -> list[Alert]:
        return device_alerts(dict(self.presence), self.service.config.devices, now)

    def _sms(self, now: float) -> list[Alert]:
        return sms_alerts(self.sms_failures, self.sms_failing_since)

    def publish(self) -> None:
        """Hand each source's current list to the sink (which publishes only what changed)."""
        now = self.service.clock.now()
        iso = self.service.hall.time.iso
        for name, source in self.sources.items():
            alerts = merge(self.first_seen.setdefault(name, {}), source(now))
            self.sink(name, [to_wire(a, iso) for a in alerts])
