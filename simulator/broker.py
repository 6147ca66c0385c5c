"""Read the hall's retained state topics from the broker once, with paho-mqtt 2.

paho and socket errors become `BrokerUnavailable`, with what to check in the message.
"""

from __future__ import annotations

import json
import threading
from typing import Any
from urllib.parse import urlparse

from hallbus.topics import Topics
from simulator.errors import BrokerUnavailable, SimInputError

NAMES = ("queues", "windows")


def parse_url(url: str) -> tuple[str, int]:
    u = urlparse(url)
    if u.scheme != "mqtt" or not u.hostname:
        raise SimInputError(f"--broker {url!r}: expected mqtt://HOST:PORT")
    try:
        return u.hostname, u.port or 1883
    except ValueError as exc:
        raise SimInputError(f"--broker {url!r}: {exc}") from exc


def fetch_state(url: str, hall: str, timeout_s: float = 5.0) -> dict[str, Any]:
    """{"queues": payload, "windows": payload} from the retained `hall/<hall>/state/...` topics."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    host, port = parse_url(url)
    topics = {Topics(hall).state(n): n for n in NAMES}
    got: dict[str, Any] = {}
    done = threading.Event()

    def on_connect(client: mqtt.Client, _u: Any, _f: Any, rc: Any, _p: Any) -> None:
        if rc.is_failure:
            got["error"] = f"broker refused the connection: {rc}"
            done.set()
            return
        client.subscribe([(t, 1) for t in topics])

    def on_message(_c: mqtt.Client, _u: Any, msg: mqtt.MQTTMessage) -> None:
        try:
            got[topics[msg.topic]] = json.loads(msg.payload)
        except (KeyError, ValueError):
            return
        if all(n in got for n in NAMES):
            done.set()

    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", clean_session=True)
    client.on_connect, client.on_message = on_connect, on_message
    try:
        client.connect(host, port, keepalive=10)
    except (OSError, ValueError) as exc:
        raise BrokerUnavailable(f"cannot reach the broker at {host}:{port}: {exc}") from exc
    client.loop_start()
    try:
        done.wait(timeout_s)
    finally:
        client.disconnect()
        client.loop_stop()
    if "error" in got:
        raise BrokerUnavailable(str(got["error"]))
    missing = [t for t, n in topics.items() if n not in got]
    if missing:
        raise BrokerUnavailable(f"no retained state on {', '.join(missing)} within {timeout_s:g} s "
                                f"from {host}:{port}: is the queue server for hall {hall!r} running?")
    return {n: got[n] for n in NAMES}
