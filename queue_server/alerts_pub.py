"""The retained `state/alerts`: every alert source's list, concatenated, published when it changes.

Sources are functions `now -> list[Alert]` (hallcore/alerts.py): the hall itself, device presence,
SMS. Another module adds its own with `publisher.sources.append(fn)`. Runs on the worker thread;
presence arrives on paho's thread and is only stored there.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from hallbus.mqtt import Connection
from hallbus.topics import Topics
from hallcore.alerts import Alert, device_alerts, hall_alerts, merge, sms_alerts, to_wire
from hallcore.model import WindowStatus
from queue_server.service import QueueService

log = logging.getLogger(__name__)
Source = Callable[[float], list[Alert]]


class AlertPublisher:
    def __init__(self, service: QueueService, conn: Connection, topics: Topics) -> None:
        self.service, self.conn = service, conn
        self.topic = f"{topics.root}state/alerts"
        self.presence: dict[str, dict[str, Any]] = {}
        self.paused_since: dict[str, float] = {}
        self.first_seen: dict[tuple[str, str], float] = {}
        self.sms_failures = 0  # set by an SMS sender, when there is one
        self.sms_failing_since: float | None = None
        self.sources: list[Source] = [self._hall, self._devices, self._sms]
        self.last: bytes | None = None
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
        now = self.service.clock.now()
        alerts = merge(self.first_seen, *(source(now) for source in self.sources))
        body = json.dumps({"alerts": [to_wire(a, self.service.hall.time.iso) for a in alerts]},
                          ensure_ascii=False, separators=(",", ":")).encode()
        if body != self.last:
            self.conn.publish(self.topic, body, retain=True)
            self.last = body
