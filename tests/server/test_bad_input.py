"""Bad input gets a clear error, changes nothing, and the server keeps serving."""

from __future__ import annotations

import json

import pytest

from tests.support.server import RawDevice


@pytest.fixture
def raw(broker, server):
    d = RawDevice(broker.url, "kiosk-02")
    yield d
    d.stop()


def env(rid, op, args=None, v=1):
    return json.dumps({"v": v, "id": rid, "op": op, "args": args or {}}).encode()


CASES = [
    (b'{"v":1,"id":"r1","op":"ticket.issue","args":[]}', "r1", "bad_request"),
    (b'{"v":1,"id":"r2","op":"ticket.issue"}', "r2", "bad_request"),  # missing matter
    (env("r3", "ticket.issue", {"matter": 42}), "r3", "bad_request"),
    (env("r4", "ticket.issue", {"matter": "hukou-transfer", "colour": "red"}), "r4", "bad_request"),
    (env("r5", "ticket.teleport"), "r5", "unknown_op"),
    (env("r6", "ticket.issue", {"matter": "no-such-matter"}), "r6", "unknown_matter"),
    (env("r7", "call.next"), "r7", "not_allowed"),
    (env("r8", "window.assign", {"window": "win-01", "groups": ["pickup"]}), "r8", "not_allowed"),
    (env("r9", "ticket.issue", {"matter": "hukou-transfer"}, v=2), "r9", "bad_request"),
    (env("r10", "ticket.issue", {"matter": "hukou-transfer",
                                 "citizen": {"key": "110101199003074514", "name_masked": "张*"}}), "r10", "bad_request"),
    (env("r11", "ticket.issue", {"matter": "hukou-transfer", "priority": "vip"}), "r11", "bad_request"),
    (env("r12", "ticket.status", {"ticket": "Q404"}), "r12", "unknown_ticket"),
]


def test_each_bad_request_gets_its_error_code(raw, bus):
    for payload, _, _ in CASES:
        raw.send(payload)
    got = {r["id"]: r for r in raw.responses(len(CASES))}
    for _, rid, code in CASES:
        assert got[rid]["ok"] is False, rid
        assert got[rid]["error"]["code"] == code, (rid, got[rid])
        assert got[rid]["error"]["message"]
    # nothing changed: the first real ticket is still A001
    r = bus("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"})
    assert r.ok and r.result["ticket"]["number"] == "A001"


def test_garbage_without_an_id_is_dropped_and_the_server_keeps_serving(raw, bus):
    for junk in (b"\xff\xfe not utf8", b"not json", b"[1,2,3]", b'"a string"', b"{}", b'{"id": 5}',
                 b'{"v":1,"op":"ticket.issue"}', b"x" * 70000):
        raw.send(junk)
    assert raw.responses(1, timeout=1.0) == []
    assert bus("kiosk-01").request("ticket.issue", {"matter": "hukou-transfer"}).ok


def test_a_device_the_hall_does_not_know_is_not_allowed(broker, server):
    stranger = RawDevice(broker.url, "kiosk-99")
    try:
        stranger.send(env("s1", "ticket.issue", {"matter": "hukou-transfer"}))
        (r,) = stranger.responses(1)
        assert r["error"]["code"] == "not_allowed"
    finally:
        stranger.stop()


def test_window_acts_only_on_itself_and_calls_need_an_open_window(bus, server):
    w = bus("win-01")
    assert w.request("window.open", {"window": "win-02"}).error_code == "not_allowed"
    assert w.request("call.next").error_code == "window_closed"
    assert w.request("call.recall").error_code == "no_current_ticket"
    assert w.request("ticket.finish").error_code == "no_current_ticket"
