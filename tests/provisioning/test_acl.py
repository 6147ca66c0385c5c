"""The broker, run from the generated config, lets no device do what its role may not.

A denied publish is dropped silently (MQTT 3.1.1 has no refusal for it), so each test
publishes the forbidden messages first and an allowed marker last, from the same client:
the broker keeps one client's order, so once the marker arrived a forbidden one would have too.
"""

from __future__ import annotations

from collections.abc import Iterator

import paho.mqtt.client as mqtt
import pytest

from tests.provisioning.conftest import HALL, Hall
from tests.provisioning.probe import Watcher, close, connect_bundle

R = f"hall/{HALL}/"


@pytest.fixture
def watcher(hall: Hall) -> Iterator[Watcher]:
    w = Watcher()
    # the server reads requests, state and presence; the manager is the one that reads event/call
    w.add(connect_bundle(hall.bundle("server"), hall.tls_port), [R + "req/#", R + "state/#", R + "presence/#"])
    w.add(connect_bundle(hall.bundle("mgr-01"), hall.tls_port), [R + "event/call"])
    yield w
    w.close()


def _publish_all(hall: Hall, device: str, topics: list[str], marker: str, c: mqtt.Client | None = None) -> None:
    own = c is None
    c = c or connect_bundle(hall.bundle(device), hall.tls_port)
    for t in topics:
        c.publish(t, b"forbidden", qos=1).wait_for_publish(5)
    c.publish(marker, b"marker", qos=1).wait_for_publish(5)
    if own:
        close(c)


def _arrived(seen: list[tuple[str, bytes]]) -> list[str]:
    return [t for t, p in seen if p in (b"forbidden", b"marker")]


def test_kiosk_publishes_only_on_its_own_request_topic(hall: Hall, watcher: Watcher) -> None:
    forbidden = [R + "req/kiosk-02", R + "req/win-01", R + "state/queues", R + "state/calls",
                 R + "presence/server", R + "presence/kiosk-02", R + "event/call", R + "res/kiosk-02"]
    _publish_all(hall, "kiosk-01", forbidden, R + "req/kiosk-01")
    assert _arrived(watcher.wait_for(R + "req/kiosk-01", b"marker")) == [R + "req/kiosk-01"]


def test_kiosk_may_publish_its_own_presence(hall: Hall, watcher: Watcher) -> None:
    _publish_all(hall, "kiosk-02", [], R + "presence/kiosk-02")
    assert _arrived(watcher.wait_for(R + "presence/kiosk-02", b"marker")) == [R + "presence/kiosk-02"]


def test_display_cannot_publish_anything_but_its_presence(hall: Hall, watcher: Watcher) -> None:
    forbidden = [R + "req/display-main", R + "state/calls", R + "event/call", R + "presence/server",
                 R + "req/kiosk-01"]
    _publish_all(hall, "display-main", forbidden, R + "presence/display-main")
    assert _arrived(watcher.wait_for(R + "presence/display-main", b"marker")) == [R + "presence/display-main"]


def test_window_and_evaluator_publish_only_their_requests(hall: Hall, watcher: Watcher) -> None:
    _publish_all(hall, "win-01", [R + "event/call", R + "state/windows", R + "req/eval-01"], R + "req/win-01")
    _publish_all(hall, "eval-01", [R + "req/win-01", R + "state/windows"], R + "req/eval-01")
    seen = watcher.wait_for(R + "req/eval-01", b"marker")
    assert _arrived(seen) == [R + "req/win-01", R + "req/eval-01"]


def test_server_publishes_state_and_events_but_no_requests(hall: Hall, watcher: Watcher) -> None:
    # the watcher's own server connection: a second one would take over its client id (the username)
    _publish_all(hall, "server", [R + "req/kiosk-01"], R + "event/call", c=watcher.clients[0])
    seen = watcher.wait_for(R + "event/call", b"marker")
    assert _arrived(seen) == [R + "event/call"]


def test_a_kiosk_reads_its_responses_but_not_anothers(hall: Hall) -> None:
    w = Watcher()
    w.add(connect_bundle(hall.bundle("kiosk-01"), hall.tls_port), [R + "res/kiosk-01", R + "res/kiosk-02"])
    server = connect_bundle(hall.bundle("server"), hall.tls_port)
    server.publish(R + "res/kiosk-02", b"forbidden", qos=1).wait_for_publish(5)
    server.publish(R + "res/kiosk-01", b"marker", qos=1).wait_for_publish(5)
    try:
        assert _arrived(w.wait_for(R + "res/kiosk-01", b"marker")) == [R + "res/kiosk-01"]
    finally:
        close(server)
        w.close()
