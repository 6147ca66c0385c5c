"""Every publish each role might try, on every topic of the hall, against the real broker from the
generated config: what arrives, and at whom, is exactly what docs/provisioning.md's table allows.

One connection per device subscribes to `#`; the broker delivers only what the device may read.
Each publisher sends every topic at QoS 1 and waits for every PUBACK (Mosquitto has queued the
deliveries by then), then each watcher makes a SUBACK round trip: whatever was queued for it
arrived before its SUBACK. So "not arrived" is a fact, not a timeout.

The expected table is written here from the doc, not read from provisioning/acl.py: the test
checks the broker against the contract, not the code against itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import paho.mqtt.client as mqtt
import pytest

from tests.security.attacker import Client
from tests.security.conftest import HALL, Hall, R

ROLE = {"kiosk-01": "kiosk", "kiosk-02": "kiosk", "win-01": "window", "win-02": "window", "eval-01": "evaluator",
        "display-main": "display", "mgr-01": "manager", "server": "server"}
READ = {"kiosk": ["state/#", "presence/server"], "window": ["state/#", "event/call", "presence/server"],
        "evaluator": ["state/#", "presence/server"], "display": ["state/#", "event/call", "presence/server"],
        "manager": ["state/#", "event/call", "presence/#"], "server": ["req/#", "state/#", "presence/#"]}
WRITE = {"kiosk": ["req/{d}"], "window": ["req/{d}"], "evaluator": ["req/{d}"], "display": [],
         "manager": ["req/{d}"], "server": ["res/#", "event/#", "state/#", "presence/server"]}
TOPICS = ([f"{kind}/{d}" for kind in ("req", "res", "presence") for d in ROLE]
          + ["state/queues", "state/calls", "state/windows", "state/catalog", "state/x", "event/call", "event/x"])
FOREIGN = ["hall/other-hall/req/kiosk-01", "hall/other-hall/state/calls", f"hall/{HALL}", "elsewhere"]
PUBLISHERS = ["kiosk-01", "win-01", "eval-01", "display-main", "mgr-01", "server"]


def _grants(patterns: list[str], device: str, topic: str) -> bool:
    return any(mqtt.topic_matches_sub(R + p.format(d=device), topic) for p in patterns)


def may_write(device: str, topic: str) -> bool:
    return _grants([*WRITE[ROLE[device]], "presence/{d}"], device, topic)


def may_read(device: str, topic: str) -> bool:
    return _grants([*READ[ROLE[device]], "res/{d}"], device, topic)


@pytest.fixture(scope="module")
def everyone(hall: Hall) -> Iterator[dict[str, Client]]:
    conns = {d: Client.of(hall.bundle(d), hall.plain_port) for d in ROLE}
    for c in conns.values():
        c.subscribe("#")
    yield conns
    for c in conns.values():
        c.close()


@pytest.mark.parametrize("publisher", PUBLISHERS)
def test_each_role_reaches_exactly_whom_the_table_allows(everyone: dict[str, Client], publisher: str) -> None:
    tag = f"{publisher}|".encode()
    topics = [R + t for t in TOPICS] + FOREIGN
    sender = everyone[publisher]
    for t in topics:
        sender.publish(t, tag + t.encode())
    for c in everyone.values():
        c.subscribe(f"{R}res/sync")  # the round trip that flushes what the broker queued for it
    got = {(d, p.decode().split("|", 1)[1]) for d, c in everyone.items() for _, p, _ in c.seen if p.startswith(tag)}
    want = {(d, t) for t in topics if may_write(publisher, t) for d in ROLE if may_read(d, t)}
    assert got == want, {"delivered but forbidden": sorted(got - want), "allowed but lost": sorted(want - got)}
    forbidden = [t for t in topics if not may_write(publisher, t)]
    assert forbidden and not {t for _, t in got} & set(forbidden)
    assert all(c.disconnects == 0 for c in everyone.values())


def test_the_matrix_is_big_enough_to_mean_something() -> None:
    forbidden = sum(not may_write(p, t) for p in PUBLISHERS for t in [R + t for t in TOPICS] + FOREIGN)
    unreadable = sum(not may_read(d, R + t) for d in ROLE for t in TOPICS)
    assert forbidden >= 150 and unreadable >= 150, (forbidden, unreadable)


SUBSCRIPTIONS = [  # (device, filter it tries, a topic under it, who may write there, who may read there)
    ("kiosk-01", "res/kiosk-02", "res/kiosk-02", "server", "kiosk-02"),
    ("kiosk-01", "req/#", "req/kiosk-02", "kiosk-02", "server"),
    ("kiosk-01", "event/call", "event/call", "server", "mgr-01"),
    ("display-main", "presence/kiosk-01", "presence/kiosk-01", "kiosk-01", "mgr-01"),
    ("win-01", "res/#", "res/win-02", "server", "win-02"),
    ("eval-01", "req/win-01", "req/win-01", "win-01", "server"),
    ("mgr-01", "req/+", "req/kiosk-01", "kiosk-01", "server"),
]


@pytest.mark.parametrize(("device", "filt", "topic", "writer", "reader"), SUBSCRIPTIONS)
def test_a_forbidden_subscription_gets_nothing(everyone: dict[str, Client], device: str, filt: str, topic: str,
                                                writer: str, reader: str) -> None:
    """Exact filters too, not only `#`: a legitimate publish there reaches its reader and not the device."""
    c = everyone[device]
    codes = c.subscribe(R + filt)
    mark = f"probe {device} {filt}".encode()
    everyone[writer].publish(R + topic, mark)
    for w in (c, everyone[reader]):
        w.subscribe(f"{R}res/sync")
    assert codes  # Mosquitto 2.0 grants the SUBACK and filters at delivery: the delivery is the check
    assert any(p == mark for _, p, _ in everyone[reader].seen), "the control reader missed it"
    assert all(p != mark for _, p, _ in c.seen)
