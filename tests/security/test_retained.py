"""Retained abuse: what a stolen device could leave on the broker for every display and console that
connects later: a fake queue state, a fake "server online", the real state erased (an empty retained
message clears a topic). Only the server's retained messages survive; a device's own presence is
the one retained topic it owns, and a malformed or oversize one is dropped by the apps."""

from __future__ import annotations

import pytest

from hallui.bus_json import json_object_handler
from tests.security.attacker import Client
from tests.security.conftest import Hall, R

STATE = [R + "state/calls", R + "state/queues", R + "state/windows", R + "state/catalog", R + "presence/server"]
REAL = b'{"real": true}'


@pytest.mark.parametrize("thief", ["kiosk-01", "win-01", "eval-01", "display-main", "mgr-01"])
def test_no_device_can_fake_or_erase_the_servers_retained_state(hall: Hall, thief: str) -> None:
    server = Client.of(hall.bundle("server"), hall.plain_port)
    for t in STATE:
        server.publish(t, REAL, retain=True)
    server.close()
    bad = Client.of(hall.bundle(thief), hall.plain_port)
    for t in STATE:
        bad.publish(t, b'{"fake": true}', retain=True)
        bad.publish(t, b"", retain=True)  # would clear it
    bad.close()
    later = Client.of(hall.bundle("mgr-01"), hall.plain_port)  # reads state/# and presence/#
    later.subscribe(*STATE)
    later.subscribe(f"{R}res/sync")  # retained messages come before this SUBACK's round trip ends
    later.close()
    assert sorted((t, p) for t, p, retained in later.seen if retained) == sorted((t, REAL) for t in STATE)


def test_a_device_s_own_retained_presence_cannot_break_the_apps() -> None:
    got: list[dict[str, object]] = []
    on_message = json_object_handler(got.append)
    for junk in (b"\xff\xfe", b"[1, 2]", b'"online"', b"{" * 5000, b'{"online": true, "x": "' + b"y" * 5000 + b'"}'):
        on_message(R + "presence/kiosk-01", junk)
    assert got == []
