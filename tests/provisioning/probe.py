"""MQTT probes for the ACL tests: connect with a bundle's credentials, watch what really arrives."""

from __future__ import annotations

import ssl
import threading
import time
import uuid

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from provisioning.bundle import DeviceBundle


class Refused(Exception):
    """The broker answered CONNACK with a failure (reason in the message)."""


def connect(port: int, username: str, password: str, ca_file: str | None, host: str = "localhost",
            timeout: float = 5.0) -> mqtt.Client:
    """A connected client, or `Refused(reason)`; OSError when nothing (or no TLS) answers."""
    c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"{username}-{uuid.uuid4().hex[:6]}")
    c.username_pw_set(username, password)
    if ca_file is not None:
        c.tls_set(ca_certs=ca_file, cert_reqs=ssl.CERT_REQUIRED)
    done = threading.Event()
    result: list[object] = []

    def on_connect(client: mqtt.Client, userdata: object, flags: object, rc: object, props: object) -> None:
        result.append(rc)
        done.set()

    def on_disconnect(client: mqtt.Client, userdata: object, flags: object, rc: object, props: object) -> None:
        result.append(rc)
        done.set()

    c.on_connect, c.on_disconnect = on_connect, on_disconnect
    c.connect(host, port, keepalive=10)
    c.loop_start()
    ok = done.wait(timeout)
    if not ok or getattr(result[0], "is_failure", True):
        c.loop_stop()
        c.disconnect()
        raise Refused(str(result[0]) if result else "no CONNACK")
    return c


def connect_bundle(b: DeviceBundle, port: int, password: str | None = None) -> mqtt.Client:
    return connect(port, b.username, b.password if password is None else password, b.ca_file())


def close(c: mqtt.Client) -> None:
    c.disconnect()
    c.loop_stop()


class Watcher:
    """Subscribers with privileged credentials; `seen` is every (topic, payload) that arrived."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bytes]] = []
        self.clients: list[mqtt.Client] = []
        self.lock = threading.Lock()

    def add(self, client: mqtt.Client, filters: list[str]) -> None:
        def on_message(c: mqtt.Client, userdata: object, msg: mqtt.MQTTMessage) -> None:
            with self.lock:
                self.seen.append((msg.topic, bytes(msg.payload)))

        client.on_message = on_message
        subscribed = threading.Event()
        client.on_subscribe = lambda *a: subscribed.set()
        client.subscribe([(f, 1) for f in filters])
        assert subscribed.wait(5)
        self.clients.append(client)

    def wait_for(self, topic: str, payload: bytes, timeout: float = 5.0) -> list[tuple[str, bytes]]:
        """Everything seen up to and including (topic, payload): the marker a test publishes last."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if (topic, payload) in self.seen:
                    return list(self.seen)
            time.sleep(0.01)
        raise TimeoutError(f"{topic} {payload!r} never arrived; seen {self.seen}")

    def close(self) -> None:
        for c in self.clients:
            close(c)
