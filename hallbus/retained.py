"""Read some retained topics once: connect, take what the broker holds, disconnect.

For tools that look at a hall from outside (the staffing planner) rather than follow it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Sequence

from hallbus.mqtt import BrokerSpec, BusError, Connection


def read_retained(spec: BrokerSpec, topics: Sequence[str], timeout_s: float = 5.0,
                  client_id: str = "") -> dict[str, bytes]:
    """topic -> payload for those of `topics` the broker sent within `timeout_s` (maybe not all).

    Raises BusError when the broker cannot be reached or does not let us in. An empty
    `client_id` lets the broker name this short-lived, clean-session client.
    """
    deadline = time.monotonic() + timeout_s
    try:  # fail at once on a closed port, with the OS's reason, instead of after the whole timeout
        socket.create_connection((spec.host, spec.port), timeout=min(timeout_s, 5.0)).close()
    except OSError as exc:
        raise BusError(f"cannot reach the broker at {spec.host}:{spec.port}: {exc}") from exc
    got: dict[str, bytes] = {}
    lock = threading.Lock()
    done = threading.Event()

    def on_message(topic: str, payload: bytes) -> None:
        with lock:
            got[topic] = payload
            if all(t in got for t in topics):
                done.set()

    conn = Connection(spec, client_id)
    for topic in topics:
        conn.subscribe(topic, on_message)
    try:
        conn.start(wait=max(deadline - time.monotonic(), 0.1))
        done.wait(max(deadline - time.monotonic(), 0.0))
    finally:
        conn.stop()
    with lock:
        return dict(got)
