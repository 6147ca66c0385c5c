"""A device's side of the bus: requests that retry under one id, state and events, presence.

The request id is the idempotency key, so a retry after a lost response (or a broker
restart) can never issue a second ticket: the server answers the first answer again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from hallbus.envelope import Response, encode_request, parse_response
from hallbus.errors import UNAVAILABLE
from hallbus.mqtt import BrokerSpec, Connection, Handler
from hallbus.topics import Topics

log = logging.getLogger(__name__)
Callback = Callable[[Response], None]


class _Pending:
    __slots__ = ("rid", "payload", "callback", "deadline", "next_try", "done", "response")

    def __init__(self, rid: str, payload: bytes, callback: Callback | None, deadline: float) -> None:
        self.rid, self.payload, self.callback, self.deadline = rid, payload, callback, deadline
        self.next_try = 0.0
        self.done = threading.Event()
        self.response: Response | None = None


class BusClient:
    def __init__(self, spec: BrokerSpec, hall: str, device: str, retry_s: float = 1.0,
                 client_id: str | None = None) -> None:
        self.topics = Topics(hall)
        self.device = device
        self.retry_s = retry_s
        offline = json.dumps({"online": False}).encode()
        # client_id: several processes of one device (phone gateways behind one proxy) need their own
        self.conn = Connection(spec, client_id or device, will=(self.topics.presence(device), offline))
        self.conn.subscribe(self.topics.res(device), self._on_response)
        self.pending: dict[str, _Pending] = {}
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._retrier = threading.Thread(target=self._retry_loop, name=f"retry-{device}", daemon=True)
        self.on_connected: Callable[[bool], None] | None = None
        self.conn.on_connected = self._connected

    # -- lifecycle -------------------------------------------------------
    def start(self, wait: float | None = None) -> BusClient:
        self._retrier.start()
        self.conn.start(wait)
        return self

    def stop(self) -> None:
        self._stop.set()
        self.conn.stop((self.topics.presence(self.device), json.dumps({"online": False}).encode()))

    @property
    def connected(self) -> bool:
        return self.conn.connected.is_set()

    def _connected(self, up: bool) -> None:
        if up:
            self.publish_presence({})
            with self.lock:  # resend at once what was waiting for the broker
                for p in self.pending.values():
                    p.next_try = 0.0
        if self.on_connected:
            self.on_connected(up)

    def publish_presence(self, health: dict[str, Any]) -> None:
        body = json.dumps({"online": True, **health}, ensure_ascii=False).encode()
        self.conn.publish(self.topics.presence(self.device), body, retain=True)

    def subscribe(self, topic: str, handler: Handler) -> None:
        self.conn.subscribe(topic, handler)

    # -- requests --------------------------------------------------------
    def request_async(self, op: str, args: dict[str, Any] | None = None, callback: Callback | None = None,
                      timeout: float = 10.0, request_id: str | None = None) -> str:
        rid = request_id or uuid.uuid4().hex
        p = _Pending(rid, encode_request(rid, op, args), callback, time.monotonic() + timeout)
        with self.lock:
            self.pending[rid] = p
        self._send(p)
        return rid

    def request(self, op: str, args: dict[str, Any] | None = None, timeout: float = 10.0,
                request_id: str | None = None) -> Response:
        """Blocking request; an `unavailable` error response when no answer came in time."""
        rid = self.request_async(op, args, None, timeout, request_id)
        p = self.pending.get(rid)
        if p is not None:
            p.done.wait(timeout + 0.5)
        with self.lock:
            self.pending.pop(rid, None)
        if p is None or p.response is None:
            return Response(rid, False, None, UNAVAILABLE, "no answer from the queue server")
        return p.response

    def _send(self, p: _Pending) -> None:
        p.next_try = time.monotonic() + self.retry_s
        if self.connected:
            self.conn.publish(self.topics.req(self.device), p.payload)

    def _on_response(self, topic: str, payload: bytes) -> None:
        try:
            resp = parse_response(payload)
        except ValueError:
            log.warning("unreadable response on %s", topic)
            return
        with self.lock:
            p = self.pending.get(resp.id)
            if p is None or p.done.is_set():
                return  # a duplicate answer to a retry: the first one counted
            if p.callback is not None:
                self.pending.pop(resp.id, None)
        p.response = resp
        p.done.set()
        if p.callback is not None:
            p.callback(resp)

    def _retry_loop(self) -> None:
        while not self._stop.wait(0.05):
            now = time.monotonic()
            expired: list[_Pending] = []
            with self.lock:
                for p in list(self.pending.values()):
                    if p.done.is_set():
                        continue
                    if now >= p.deadline:
                        expired.append(p)
                        self.pending.pop(p.rid, None)
                    elif now >= p.next_try:
                        self._send(p)
            for p in expired:
                p.response = Response(p.rid, False, None, UNAVAILABLE, "no answer from the queue server")
                p.done.set()
                if p.callback is not None:
                    try:
                        p.callback(p.response)
                    except Exception:
                        log.exception("request callback failed")
