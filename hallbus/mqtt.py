"""The one MQTT transport of the hall (paho-mqtt 2), shared by the server and every device.

What it adds to paho, each learnt the hard way:
- TCP_NODELAY on the socket: without it a loopback round trip took 44-88 ms, not < 1 ms;
- every callback catches and logs, since an exception in one silently kills paho's thread;
- subscriptions are renewed on every (re)connect;
- paho errors become `BusError` at this boundary.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion

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
        # credentials from a device bundle arrive by environment, never on a command line (ps shows it)
        return cls(parts.hostname or "127.0.0.1", parts.port or (8883 if tls else 1883), tls,
                   username or parts.username or os.environ.get(ENV_USER),
                   password or parts.password or os.environ.get(ENV_PASSWORD),
                   ca_file or query.get("ca"))


def _nodelay(client: paho.Client, userdata: Any, sock: Any) -> None:
    with contextlib.suppress(OSError, AttributeError):  # a TLS-wrapped or unix socket may not take it
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class Connection:
    """A paho client with subscriptions that survive reconnects and handlers that cannot kill it."""

    def __init__(self, spec: BrokerSpec, client_id: str, will: tuple[str, bytes] | None = None,
                 clean: bool = True) -> None:
        self.spec = spec
        # a provisioned broker replaces the client id by the username (use_username_as_clientid);
        # use it ourselves so the id we log, and the persistent session, are the broker's
        client_id = spec.username or client_id
        self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=clean)
        self.client.max_inflight_messages_set(1000)
        self.client.max_queued_messages_set(0)
        self.client.reconnect_delay_set(0, 2)  # halls want recovery in seconds, not minutes
        if spec.username:
            self.client.username_pw_set(spec.username, spec.password)
        if spec.tls:
            self.client.tls_set(ca_certs=spec.ca_file, cert_reqs=ssl.CERT_REQUIRED)
        if will:
            self.client.will_set(will[0], will[1], qos=1, retain=True)
        self.client.on_socket_open = _nodelay
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.subs: dict[str, Handler] = {}
        self.connected = threading.Event()
        self.on_connected: Callable[[bool], None] | None = None

    def subscribe(self, topic: str, handler: Handler) -> None:
        self.subs[topic] = handler
        if self.connected.is_set():
            self.client.subscribe(topic, qos=1)

    def start(self, wait: float | None = None) -> None:
        try:
            self.client.connect_async(self.spec.host, self.spec.port, keepalive=10)
        except (OSError, ValueError) as exc:
            raise BusError(f"cannot reach broker {self.spec.host}:{self.spec.port}: {exc}") from exc
        self.client.loop_start()
        if wait is not None and not self.connected.wait(wait):
            raise BusError(f"no connection to broker {self.spec.host}:{self.spec.port} after {wait}s")

    def stop(self, will_payload: tuple[str, bytes] | None = None) -> None:
        if will_payload and self.connected.is_set():
            self.client.publish(will_payload[0], will_payload[1], qos=1, retain=True).wait_for_publish(2)
        self.client.disconnect()
        self.client.loop_stop()

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        self.client.publish(topic, payload, qos=1, retain=retain)

    def _on_connect(self, client: paho.Client, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        try:
            if reason.is_failure:
                log.error("broker refused %s: %s", client._client_id.decode(), reason)
                return
            if self.subs:
                client.subscribe([(t, 1) for t in self.subs])
            self.connected.set()
            if self.on_connected:
                self.on_connected(True)
        except Exception:
            log.exception("on_connect failed")

    def _on_disconnect(self, client: paho.Client, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        try:
            self.connected.clear()
            if self.on_connected:
                self.on_connected(False)
        except Exception:
            log.exception("on_disconnect failed")

    def _on_message(self, client: paho.Client, userdata: Any, msg: paho.MQTTMessage) -> None:
        try:
            for pattern, handler in self.subs.items():
                if paho.topic_matches_sub(pattern, msg.topic):
                    handler(msg.topic, bytes(msg.payload))
        except Exception:
            log.exception("handler for %s failed", msg.topic)
