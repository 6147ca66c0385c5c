"""Hole 1: with kiosk-01's password and the server's (predictable) client id, an attacker kicked the
server off the broker ("already connected, closing old connection"), and kiosk-02 the same way.

The generated config sets `use_username_as_clientid true` on every listener: whatever id a client
sends, the broker files it under its username, so a stolen kiosk can only ever take over itself.
The same attack against the same config without that line must succeed, or this test proves nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.security.attacker import Client
from tests.security.conftest import HALL, Hall, R, provision, start_broker
from tests.support.broker import free_port

TARGETS = (f"hallq-server-{HALL}", "server", "kiosk-02")


def _drops(victim: Client, own_topic: str) -> int:
    try:
        victim.subscribe(own_topic, timeout=2.0)
    except TimeoutError:
        return max(1, victim.disconnects)
    return victim.disconnects


def _attack(hall: Hall) -> tuple[int, int, str]:
    """Victims connect with the ids they use; kiosk-01's password tries each of them. Disconnects seen."""
    server = Client.of(hall.bundle("server"), hall.plain_port, client_id=f"hallq-server-{HALL}")
    kiosk2 = Client.of(hall.bundle("kiosk-02"), hall.plain_port)
    try:
        for cid in TARGETS:
            Client.of(hall.bundle("kiosk-01"), hall.plain_port, client_id=cid).close()
        # a round trip each after every attack CONNACK: a kicked victim fails it or counts a disconnect
        return _drops(server, R + "res/server"), _drops(kiosk2, R + "res/kiosk-02"), hall.broker_log()
    finally:
        server.close()
        kiosk2.close()


def test_a_kiosk_password_cannot_kick_the_server_or_another_kiosk(hall: Hall) -> None:
    server_drops, kiosk_drops, log = _attack(hall)
    assert (server_drops, kiosk_drops) == (0, 0)
    assert not re.search(r"Client (server|kiosk-02|hallq-server-\S+) already connected", log)
    # every attacking connection was filed under the attacker's own name
    assert re.search(r"New client connected from \S+ as kiosk-01 \(.*u'kiosk-01'\)", log)


def test_the_same_attack_works_without_the_rule(tmp_path: Path) -> None:
    """The control: strip `use_username_as_clientid` and the server is kicked, as the issue found."""
    tls, plain = free_port(), free_port()
    d = provision(tmp_path, tls, plain)
    conf = "".join(ln for ln in (d / "mosquitto.conf").read_text().splitlines(keepends=True)
                   if "use_username_as_clientid" not in ln)
    broker = start_broker(tmp_path, d, tls, plain, conf)
    try:
        server_drops, kiosk_drops, log = _attack(Hall(d, tls, plain, broker))
    finally:
        broker.stop()
    assert server_drops >= 1 and kiosk_drops >= 1
    assert f"Client hallq-server-{HALL} already connected, closing old connection" in log


@pytest.mark.parametrize("listener", ["tls", "plain"])
def test_every_listener_ties_the_client_id_to_the_username(hall: Hall, listener: str) -> None:
    b = hall.bundle("server")
    victim = (Client(hall.tls_port, b.username, b.password, "x", ca_file=b.ca_file(), host="localhost")
              if listener == "tls" else Client.of(b, hall.plain_port, client_id="x"))
    try:
        k = hall.bundle("kiosk-01")
        (Client(hall.tls_port, k.username, k.password, "server", ca_file=k.ca_file(), host="localhost")
         if listener == "tls" else Client.of(k, hall.plain_port, client_id="server")).close()
        assert _drops(victim, R + "res/server") == 0
    finally:
        victim.close()
