"""A plain paho client with a stolen password: any client id, any topic, and a record of what happened.

Not hallbus: an attacker does not follow the contract, so nothing here does either.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from provisioning.bundle import DeviceBundle


class Refused(Exception):
    """The broker answered CONNACK with a failure, or not at all."""


class Client:
    """Connected on return; `disconnects` counts every connection the broker closed under us."""

    def __init__(self, port: int, username: str, password: str, client_id: str, ca_file: str | None = None,
                 host: str = "127.0.0.1", timeout: float = 5.0) -> None:
        self.c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id)
        self.c.username_pw_set(username, password)
        if ca_file is not None:
            self.c.tls_set(ca_certs=ca_file, cert_reqs=ssl.CERT_REQUIRED)
        self.disconnects = 0
        self.seen: list[tuple[str, bytes, bool]] = []  # (topic, payload, retained)
        self.lock = threading.Lock()
        self._connack = threading.Event()
        self._reason: object = None
        self.c.on_connect, self.c.on_disconnect, self.c.on_message = self._on_connect, self._on_disconnect, self._on_msg
        self.c.connect(host, port, keepalive=10)
        self.c.loop_start()
        if not self._connack.wait(timeout) or getattr(self._reason, "is_failure", True):
            self.close()
            raise Refused(str(self._reason))

    @classmethod
    def of(cls, b: DeviceBundle, port: int, client_id: str | None = None) -> Client:
        """Over the plain loopback listener (both listeners get the same rules)."""
        return cls(port, b.username, b.password, client_id or b.username)

    def _on_connect(self, c: mqtt.Client, u: object, flags: object, reason: object, props: object) -> None:
        self._reason = reason
        self._connack.set()

    def _on_disconnect(self, c: mqtt.Client, u: object, flags: object, reason: object, props: object) -> None:
        with self.lock:
            self.disconnects += 1

    def _on_msg(self, c: mqtt.Client, u: object, msg: mqtt.MQTTMessage) -> None:
        with self.lock:
            self.seen.append((msg.topic, bytes(msg.payload), bool(msg.retain)))

    def subscribe(self, *filters: str, timeout: float = 5.0) -> list[int]:
        """Waits for the SUBACK: a round trip, so the connection was up when it returns."""
        done = threading.Event()
        codes: list[int] = []

        def on_subscribe(c: mqtt.Client, u: object, mid: int, reasons: list[object], props: object) -> None:
            codes.extend(int(getattr(r, "value", r)) for r in reasons)  # type: ignore[call-overload]
            done.set()

        self.c.on_subscribe = on_subscribe
        self.c.subscribe([(f, 1) for f in filters])
        if not done.wait(timeout):
            raise TimeoutError(f"no SUBACK for {filters}")
        return codes

    def publish(self, topic: str, payload: bytes, retain: bool = False, timeout: float = 10.0) -> None:
        self.c.publish(topic, payload, qos=1, retain=retain).wait_for_publish(timeout)

    def wait_for(self, topic: str, payload: bytes, timeout: float = 5.0) -> list[tuple[str, bytes, bool]]:
        """Everything seen up to and including the marker (`topic`, `payload`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for i, (t, p, _) in enumerate(self.seen):
                    if (t, p) == (topic, payload):
                        return self.seen[: i + 1]
            time.sleep(0.01)
        raise TimeoutError(f"{topic} {payload!r} never arrived; seen {[(t, len(p)) for t, p, _ in self.seen]}")

    def wait_for_match(self, topic: str, match: Callable[[bytes], bool],
                       timeout: float = 5.0) -> list[tuple[str, bytes, bool]]:
        """Everything seen up to and including the first message on `topic` whose payload matches."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for i, (t, p, _) in enumerate(self.seen):
                    if t == topic and match(p):
                        return self.seen[: i + 1]
            time.sleep(0.01)
        raise TimeoutError(f"nothing matching on {topic}; seen {[(t, len(p)) for t, p, _ in self.seen]}")

    def close(self) -> None:
        self.c.disconnect()
        self.c.loop_stop()
