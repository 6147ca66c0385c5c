"""Reading a hall's state off the city broker: which topics count, and how a hall is judged."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hallbus import city_state as cs
from hallbus.city_state import CityBoard, hall_row, split_city_topic

BRIDGE_DOWN, SERVER_DOWN, STALE, STALE_S, UNKNOWN, UP = cs.BRIDGE_DOWN, cs.SERVER_DOWN, cs.STALE, cs.STALE_S, cs.UNKNOWN, cs.UP

NOW = 1_800_000_000.0


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def board(**states: object) -> CityBoard:
    b = CityBoard(clock=lambda: NOW)
    for topic, body in states.items():
        b.on_message(topic.replace("__", "/"), body if isinstance(body, bytes) else json.dumps(body).encode())
    return b


def test_only_the_hall_topics_the_page_shows_are_read():
    assert split_city_topic("hall/n/state/queues") == ("n", "state/queues")
    assert split_city_topic("hall/n/presence/server") == ("n", "presence/server")
    assert split_city_topic("hall/n/bridge") == ("n", "bridge")
    for other in ("hall/n/state/calls", "hall/n/presence/kiosk-01", "hall/n/req/x", "hall//state/queues",
                  "city/n/state/queues", "hall/n/state/queues/x"):
        assert split_city_topic(other) is None, other


def test_a_hall_is_judged_bridge_first_then_server_then_age():
    fresh = {"groups": [{"group": "a", "waiting": 3, "longest_wait_s": 1000}], "at": iso(NOW - 2), "target_s": 900}
    b = board(hall__n__state__queues=fresh, hall__n__presence__server={"online": True}, hall__n__bridge=b"1")
    row = hall_row("n", b.snapshot()["n"], NOW)
    assert (row["status"], row["waiting"], row["within_target"], row["target_s"]) == (UP, 3, False, 900)
    assert hall_row("n", b.snapshot()["n"], NOW + STALE_S + 5)["status"] == STALE  # no refresh for too long
    b.on_message("hall/n/presence/server", b'{"online": false}')
    assert hall_row("n", b.snapshot()["n"], NOW)["status"] == SERVER_DOWN
    b.on_message("hall/n/bridge", b"0")
    assert hall_row("n", b.snapshot()["n"], NOW)["status"] == BRIDGE_DOWN


def test_an_old_retained_state_read_now_is_stale_by_its_own_time():
    old = {"groups": [], "at": iso(NOW - 3600)}
    row = hall_row("n", board(hall__n__state__queues=old).snapshot()["n"], NOW)
    assert row["status"] == STALE and row["age_s"] == 3600 and row["target_s"] == 900  # the default target


def test_bad_payloads_lose_nothing_already_known():
    b = board(hall__n__state__queues={"groups": [{"group": "a", "waiting": 2, "longest_wait_s": 5}], "at": iso(NOW)})
    b.on_message("hall/n/state/queues", b"not json")
    b.on_message("hall/n/state/queues", b"[1, 2]")
    assert hall_row("n", b.snapshot()["n"], NOW)["waiting"] == 2
    assert hall_row("m", board(hall__m__bridge=b"1").snapshot()["m"], NOW)["status"] == UNKNOWN
