"""The one MQTT transport of the hall (paho-mqtt 2), shared by the server and every device.

What it adds to paho, each learnt the hard way:
- its socket (`hallbus.mqtt_socket`): TCP_NODELAY, buffered reads, never connected to itself;
- every callback catches and logs, since an exception in one silently kills paho's thread;
- subscriptions are renewed on every (re)connect;
- reconnects back off with jitter (`hallbus.reconnect`): paho's own delay, set to 0, retried in
  a tight loop that took a whole core and, on loopback, could connect a socket to itself;
- a failure to connect is logged once, in one sentence, not once per try;
- paho errors become `BusError` at this boundary.
"""

from __future__ import annotations

import logging
import os
import ssl
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion

from hallbus.mqtt_socket import Client, on_socket_open
from hallbus.reconnect import DOWN, Backoff, connack_problem, socket_problem

log = logging.getLogger(__name__)
Handler = Callable[[str, bytes], None]
ENV_USER, ENV_PASSWORD = "HALLQ_MQTT_USERNAME", "HALLQ_MQTT_PASSWORD"


class BusError(Exception):
    """The broker could not be reached or refused us."""


@dataclass(frozen=True, slots=True)
class BrokerSpec:
    host: str
    port: int
    tls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None

    @classmethod
    def from_url(cls, url: str, username: str | None = None, password: str | None = None,
                 ca_file: str | None = None) -> BrokerSpec:
        parts = urlsplit(url if "://" in url else f"mqtt://{url}")
        if parts.scheme not in ("mqtt", "mqtts", "tcp", "ssl"):
            raise BusError(f"broker URL must be mqtt:// or mqtts://, not {parts.scheme}://")
        tls = parts.scheme in ("mqtts", "ssl")
        query = dict(parse_qsl(parts.query))
        if "credentials" in query and not username:  # a bundle's path: the secrets stay in the file
            from hallbus.credentials import read_credentials

            username, password = read_credentials(query["credentials"])
        # else from the environment (an operator's choice: hallq itself never puts them there)
        return cls(parts.hostname or "127.0.0.1", parts.port or (8883 if tls else 1883), tls,
                   username or parts.username or os.environ.get(ENV_USER),
                   password or parts.password or os.environ.get(ENV_PASSWORD),
                   ca_file or query.get("ca"))


class Connection:
    """A paho client with subscriptions that survive reconnects and handlers that cannot kill it."""

    def __init__(self, spec: BrokerSpec, client_id: str, will: tuple[str, bytes] | None = None,
                 clean: bool = True) -> None:
        self.spec = spec
        # a provisioned broker replaces the client id by the username (use_username_as_clientid);
        # use it ourselves so the id we log, and the persistent session, are the broker's
        client_id = spec.username or client_id
        self.client = Client(CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=clean)
        self.client.max_inflight_messages_set(1000)
        self.client.max_queued_messages_set(0)
        self.backoff = Backoff()
        self._arm_wait()
        if spec.username:
            self.client.username_pw_set(spec.username, spec.password)
        if spec.tls:
            self.client.tls_set(ca_certs=spec.ca_file, cert_reqs=ssl.CERT_REQUIRED)
        if will:
            self.client.will_set(will[0], will[1], qos=1, retain=True)
        self.client.on_socket_open = on_socket_open
        self.client.on_connect = self._on_connect
        self.client.on_connect_fail = self._on_connect_fail
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.subs: dict[str, Handler] = {}
        self._routes: dict[str, list[Handler]] = {}  # topic -> handlers: matching a topic took ~10 us a message
        self.connected = threading.Event()
        self.on_connected: Callable[[bool], None] | None = None
        self.problem: tuple[str, str] | None = None  # (kind, sentence) of the last failure, logged once
        self._stopping = False

    def subscribe(self, topic: str, handler: Handler) -> None:
        self.subs[topic] = handler
        self._routes = {}  # after self.subs: a route worked out meanwhile lands in the old dict
        if self.connected.is_set():
            self.client.subscribe(topic, qos=1)

    def start(self, wait: float | None = None) -> None:
        try:
            self.client.connect_async(self.spec.host, self.spec.port, keepalive=10)
        except (OSError, ValueError) as exc:
            raise BusError(f"cannot reach broker {self.spec.host}:{self.spec.port}: {exc}") from exc
        self.client.loop_start()
        if wait is not None and not self.connected.wait(wait):
            why = f": {self.problem[1]}" if self.problem else ""
            raise BusError(f"no connection to broker {self.spec.host}:{self.spec.port} after {wait}s{why}")

    def stop(self, will_payload: tuple[str, bytes] | None = None) -> None:
        self._stopping = True
        if will_payload and self.connected.is_set():
            self.client.publish(will_payload[0], will_payload[1], qos=1, retain=True).wait_for_publish(2)
        self.client.disconnect()
        self.client.loop_stop()

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        self.client.publish(topic, payload, qos=1, retain=retain)

    # -- paho thread: each failure arms the next wait before paho sleeps it ------------
    def _arm_wait(self) -> None:
        wait = self.backoff.next()
        # paho sleeps this with time.sleep, so a fraction of a second works; its annotation says int
        self.client.reconnect_delay_set(wait, wait)  # type: ignore[arg-type]

    def _report(self, problem: tuple[str, str]) -> None:
        if self.problem is None or self.problem[0] != problem[0]:
            log.error("%s: %s; retrying every %.1f-%.0f s, quietly until something changes", self.client_id,
                      problem[1], self.backoff.first / 2, self.backoff.ceiling)
        self.problem = problem

    @property
    def client_id(self) -> str:
        return str(self.client._client_id.decode())

    def _on_connect_fail(self, client: paho.Client, userdata: Any) -> None:
        try:
            # paho calls this from inside its `except OSError`, the only place the error is still known
            self._report(socket_problem(sys.exc_info()[1], self.spec.host, self.spec.port, self.spec.ca_file))
            self._arm_wait()
        except Exception:
            log.exception("on_connect_fail failed")

    def _on_connect(self, client: paho.Client, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        try:
            if reason.is_failure:
                self._report(connack_problem(reason, self.spec.host, self.spec.port, self.client_id))
                return  # paho drops the connection and calls _on_disconnect, which arms the wait
            if self.problem is not None:
                log.info("%s: connected to the broker at %s:%d after %d tries", self.client_id,
                         self.spec.host, self.spec.port, self.backoff.tries)
            self.problem = None
            self.backoff.reset()  # the next loss starts again at the shortest wait
            if self.subs:
                client.subscribe([(t, 1) for t in self.subs])
            self.connected.set()
            if self.on_connected:
                self.on_connected(True)
        except Exception:
            log.exception("on_connect failed")

    def _on_disconnect(self, client: paho.Client, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        try:
            was_up = self.connected.is_set()
            self.connected.clear()
            if was_up and not self._stopping:  # a broker restarting refuses a few tries: no second line
                log.warning("%s: lost the broker at %s:%d (%s); reconnecting", self.client_id,
                            self.spec.host, self.spec.port, reason)
                self.problem = (DOWN, "lost the broker")
            self._arm_wait()
            if self.on_connected:
                self.on_connected(False)
        except Exception:
            log.exception("on_disconnect failed")

    def _on_message(self, client: paho.Client, userdata: Any, msg: paho.MQTTMessage) -> None:
        try:
            routes = self._routes  # this one: subscribe() replaces it after changing self.subs
            handlers = routes.get(msg.topic)
            if handlers is None:
                handlers = [h for pattern, h in self.subs.items() if paho.topic_matches_sub(pattern, msg.topic)]
                if len(routes) >= 4096:  # topics are one or a few per device; this only bounds it
                    routes.clear()
                routes[msg.topic] = handlers
            for handler in handlers:
                handler(msg.topic, bytes(msg.payload))
        except Exception:
            log.exception("handler for %s failed", msg.topic)
