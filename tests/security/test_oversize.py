"""Hole 5: a 100 MB publish was accepted by the broker, and a 10 MB retained message on a kiosk's own
`presence/kiosk-01` was persisted and delivered to the manager.

The generated config sets message_size_limit, max_packet_size and max_queued_bytes (hallbus/limits.py).
Each test sends the oversize message and then a marker from the same client on a fresh connection
where needed; the watcher's having the marker and not the big one is the proof (one client's
messages keep their order), and the sender is disconnected for a packet over max_packet_size.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator

import pytest

from hallbus import limits
from hallui.bus_json import json_object_handler
from tests.security.attacker import Client
from tests.security.conftest import Hall, R

MB = 1000 * 1000


@pytest.fixture
def watcher(hall: Hall) -> Iterator[Client]:
    """The server's credentials (not running here) read every request; the manager's every presence."""
    w = Client.of(hall.bundle("server"), hall.plain_port)
    w.subscribe(R + "req/#", R + "presence/#")
    yield w
    w.close()


def _send(hall: Hall, payload: bytes, topic: str = R + "req/kiosk-01", retain: bool = False) -> Client:
    k = Client.of(hall.bundle("kiosk-01"), hall.plain_port)
    k.c.publish(topic, payload, qos=1, retain=retain)
    return k


def _disconnected(c: Client, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if c.disconnects:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("size", [100 * MB, 1 * MB, limits.MAX_MESSAGE + 1])
def test_an_oversize_publish_is_dropped_and_never_delivered(hall: Hall, watcher: Client, size: int) -> None:
    big = _send(hall, b"x" * size)
    if size + 64 > limits.MAX_PACKET:
        assert _disconnected(big), "the broker kept a client that sent a packet over max_packet_size"
    big.close()
    marker = Client.of(hall.bundle("kiosk-01"), hall.plain_port)
    marker.publish(R + "req/kiosk-01", b"marker")
    seen = watcher.wait_for(R + "req/kiosk-01", b"marker")
    marker.close()
    assert [len(p) for _, p, _ in seen] == [6]


def test_a_publish_just_under_the_limit_still_arrives(hall: Hall, watcher: Client) -> None:
    """The control: the limit is where the config says, not lower."""
    k = Client.of(hall.bundle("kiosk-01"), hall.plain_port)
    k.publish(R + "req/kiosk-01", b"y" * limits.MAX_MESSAGE)
    k.publish(R + "req/kiosk-01", b"marker")
    seen = watcher.wait_for(R + "req/kiosk-01", b"marker")
    k.close()
    assert [len(p) for _, p, _ in seen] == [limits.MAX_MESSAGE, 6]


def test_a_10_mb_retained_presence_is_neither_kept_nor_delivered(hall: Hall, watcher: Client) -> None:
    big = _send(hall, b"{" + b" " * (10 * MB) + b"}", topic=R + "presence/kiosk-01", retain=True)
    assert _disconnected(big)
    big.close()
    k = Client.of(hall.bundle("kiosk-01"), hall.plain_port)
    k.publish(R + "presence/kiosk-01", b'{"online": true}', retain=True)
    k.close()
    watcher.wait_for(R + "presence/kiosk-01", b'{"online": true}')
    # a manager connecting later gets the retained presence: the small one, nothing else
    mgr = Client.of(hall.bundle("mgr-01"), hall.plain_port)
    mgr.subscribe(R + "presence/kiosk-01")
    got = mgr.wait_for(R + "presence/kiosk-01", b'{"online": true}')
    mgr.close()
    assert [(p, retained) for _, p, retained in got] == [(b'{"online": true}', True)]


def test_apps_ignore_a_presence_bigger_than_a_presence(caplog: pytest.LogCaptureFixture) -> None:
    """Under the broker's limit but far over what a presence holds: the display and consoles drop it."""
    got: list[dict[str, object]] = []
    on_message = json_object_handler(got.append)
    small = json.dumps({"online": True, "printer": "ok"}).encode()
    padded = json.dumps({"online": True, "pad": "x" * limits.MAX_PRESENCE}).encode()
    with caplog.at_level(logging.WARNING):
        on_message(R + "presence/server", padded)
        on_message(R + "presence/server", small)
        on_message(R + "state/catalog", padded)  # other topics keep the broker's limit
    assert got == [{"online": True, "printer": "ok"}, json.loads(padded)]
    assert "presence/server" in caplog.text and "bytes" in caplog.text


def test_the_config_bounds_every_clients_queue(hall: Hall) -> None:
    conf = (hall.dir / "mosquitto.conf").read_text().splitlines()
    assert f"max_queued_bytes {limits.MAX_QUEUED_BYTES}" in conf
    assert f"message_size_limit {limits.MAX_MESSAGE}" in conf and f"max_packet_size {limits.MAX_PACKET}" in conf
