"""The server's MQTT side: one worker thread owns the Hall, so nothing in it is shared.

Requests are drained from an inbox in batches (group commit), answered after the
commit, and the retained state topics are rebuilt on the same thread, coalesced to
at most one publish per topic every `STATE_INTERVAL_S`.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable

from hallbus.limits import MAX_MESSAGE
from hallbus.mqtt import BrokerSpec, Connection
from hallbus.topics import STATE_NAMES, Topics
from hallcore.model import Changes
from queue_server import wire
from queue_server.hall_alerts import HallAlerts
from queue_server.recovery import rebuild_until_back
from queue_server.service import QueueService
from queue_server.sms_outbox import flush, make_outbox
from queue_server.store_errors import StoreError, StoreFenced
from queue_server.ticket_events import TicketEvents

log = logging.getLogger(__name__)
STATE_INTERVAL_S = 0.05  # about 20 publishes a second per state topic at most
QUEUE_REFRESH_S = 5.0  # waits grow with time alone
RULES_TICK_S = 1.0  # time-driven rules (missed-call recalls, park limit) run this often
MAX_BATCH = 512


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


class ServerBus:
    def __init__(self, service: QueueService, spec: BrokerSpec,
                 rebuild: Callable[[], QueueService] | None = None) -> None:
        self.service = service
        self.rebuild = rebuild  # a new service over a reopened store, after a store failure
        self.topics = Topics(service.config.id)
        self.conn = Connection(spec, f"hallq-server-{service.config.id}",
                               will=(self.topics.presence_server, _json({"online": False})), clean=False)
        self.conn.subscribe(self.topics.req_wildcard, self._on_request)
        self.conn.on_connected = self._on_connected
        self.inbox: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self.dirty: set[str] = set(STATE_NAMES)
        self.last_pub: dict[str, float] = dict.fromkeys(STATE_NAMES, 0.0)
        self.pending_reload: Callable[[], None] | None = None
        self.failed: BaseException | None = None
        self._stop = threading.Event()
        self.worker = threading.Thread(target=self._run, name="hall-worker", daemon=True)
        # 1.1: what phone pages redraw from
        self.ticket_events = TicketEvents(lambda body: self.conn.publish(self.topics.event_ticket, body))
        self.sms = make_outbox(lambda: self.service.hall)
        self.alerts = HallAlerts(service, self.conn, self.topics)  # state/alerts sources, queue_server/hall_alerts.py

    def start(self, wait: float | None = 10.0) -> None:
        self.sms.start()
        self.worker.start()
        self.conn.start(wait)

    def stop(self) -> None:
        self._stop.set()
        self.inbox.put(None)
        self.worker.join(5)
        self.conn.stop((self.topics.presence_server, _json({"online": False})))

    def request_reload(self, apply: Callable[[], None]) -> None:
        """Run `apply` on the worker thread between batches (SIGHUP)."""
        self.pending_reload = apply
        self.inbox.put(None)

    # -- paho thread -------------------------------------------------------
    def _on_request(self, topic: str, payload: bytes) -> None:
        device = self.topics.device_of_req(topic)
        if device is None:
            log.warning("dropped message on %s: not a request topic", topic)
            return
        self.inbox.put((device, payload))

    def _on_connected(self, up: bool) -> None:
        if up:
            self.conn.publish(self.topics.presence_server, _json({"online": True}), retain=True)
            self.inbox.put(None)  # wake the worker to republish retained state
            self.dirty.update(STATE_NAMES)
            self.alerts.board.last = None  # republish state/alerts too (the broker may have restarted)

    # -- worker thread -----------------------------------------------------
    def _run(self) -> None:
        next_refresh, next_tick = time.monotonic() + QUEUE_REFRESH_S, time.monotonic() + RULES_TICK_S
        while not self._stop.is_set():
            try:
                batch = self._take(self._timeout())
                if self.pending_reload is not None:
                    apply, self.pending_reload = self.pending_reload, None
                    apply()
                    self.dirty.update(STATE_NAMES)
                if batch:
                    self._handle(batch)
                if time.monotonic() >= next_tick:
                    self._mark(self.service.tick())
                    self.alerts.publish()
                    next_tick = time.monotonic() + RULES_TICK_S
                if time.monotonic() >= next_refresh:
                    self.dirty.add("queues")
                    next_refresh = time.monotonic() + QUEUE_REFRESH_S
                self._publish_states()
                flush(self.sms, self.service.hall, lambda ch: self.service.store.commit(ch, []))
            except StoreError as exc:
                self._store_failed(exc)
            except Exception:
                log.exception("worker loop failed; continuing")

    def _store_failed(self, exc: StoreError) -> None:
        """Never answer a change that is not stored: drop the Hall in memory and rebuild it from the store."""
        if isinstance(exc, StoreFenced) or self.rebuild is None:
            log.critical("store failed, stopping: %s", exc)
            self.failed = exc
            self._stop.set()
            return
        log.error("store failed, answering nothing until it is back: %s", exc)
        service = rebuild_until_back(self.service, self.rebuild, self._stop)
        if service is not None:
            self.service = self.alerts.service = service
            self.dirty.update(STATE_NAMES)

    def _timeout(self) -> float | None:
        if not self.dirty:
            return 1.0
        due = min(self.last_pub[n] + STATE_INTERVAL_S for n in self.dirty)
        return max(0.0, due - time.monotonic())

    def _take(self, timeout: float | None) -> list[tuple[str, bytes]]:
        try:
            first = self.inbox.get(timeout=timeout)
        except queue.Empty:
            return []
        batch = [first] if first else []
        while len(batch) < MAX_BATCH:
            try:
                item = self.inbox.get_nowait()
            except queue.Empty:
                break
            if item:
                batch.append(item)
        return batch

    def _handle(self, batch: list[tuple[str, bytes]]) -> None:
        result = self.service.handle_batch(batch)
        for device, body in result.responses:
            self.conn.publish(self.topics.res(device), body)
        self._mark(result.changes)

    def _mark(self, changes: Changes) -> None:
        hall = self.service.hall
        if changes.tickets or changes.windows:
            self.ticket_events.on_changes(hall, changes)
        self.sms.on_changes(changes)
        for t, window_id, at, recall in changes.calls:
            self.conn.publish(self.topics.event_call, _json(wire.call(hall, t, window_id, at, recall)))
        if changes.calls:
            self.dirty.add("calls")
        if changes.tickets or changes.windows:
            self.dirty.add("queues")
        if changes.windows:
            self.dirty.add("windows")

    def _publish_states(self) -> None:
        now = time.monotonic()
        hall = self.service.hall
        for name in [n for n in self.dirty if now - self.last_pub[n] >= STATE_INTERVAL_S]:
            body = {"calls": lambda: wire.state_calls(hall), "windows": lambda: wire.state_windows(hall),
                    "catalog": lambda: wire.state_catalog(hall),
                    "queues": lambda: wire.state_queues(hall, self.service.clock.now())}[name]()
            payload = _json(body)
            if len(payload) > MAX_MESSAGE:  # the broker drops it: say so, devices keep the last one
                log.error("state/%s is %d bytes, over the bus limit of %d: not delivered", name, len(payload),
                          MAX_MESSAGE)
            self.conn.publish(self.topics.state(name), payload, retain=True)
            self.last_pub[name] = now
            self.dirty.discard(name)
