"""Read the hall's retained state topics from the broker once, through the hall bus transport.

Bus errors become `BrokerUnavailable`, with what to check in the message.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

from hallbus.mqtt import BrokerSpec, BusError
from hallbus.retained import read_retained
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
    host, port = parse_url(url)
    topics = {Topics(hall).state(n): n for n in NAMES}
    try:
        raw = read_retained(BrokerSpec(host, port), list(topics), timeout_s)
    except BusError as exc:
        raise BrokerUnavailable(str(exc)) from exc
    got: dict[str, Any] = {}
    for topic, payload in raw.items():
        try:
            got[topics[topic]] = json.loads(payload)
        except ValueError:
            continue  # an unreadable state counts as missing, below
    missing = [t for t, n in topics.items() if n not in got]
    if missing:
        raise BrokerUnavailable(f"no retained state on {', '.join(missing)} within {timeout_s:g} s "
                                f"from {host}:{port}: is the queue server for hall {hall!r} running?")
    return {n: got[n] for n in NAMES}
