"""Hole 3: `ticket.status` is open to every role and every ticket answer carried `name_masked`, so
kiosk-01 read the name of kiosk-02's citizen by asking for its number, and could walk the numbers.

Now only the window a ticket is at (called or being served) and that window's evaluator get the
name; every other answer, every retained state and every call event leaves it out.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator

import pytest

from hallbus.client import BusClient
from tests.security.attacker import Client
from tests.security.conftest import Hall, R, Server

NAME = "王*五"


@pytest.fixture(scope="module")
def clients(hall: Hall, server: Server) -> Iterator[dict[str, BusClient]]:
    # not the display: its one connection is the watcher below (a second one would take over the first)
    made = {d: hall.bus(d) for d in ("kiosk-01", "kiosk-02", "win-01", "win-02", "eval-01", "mgr-01")}
    yield made
    for c in made.values():
        c.stop()


def _names(answer: object) -> list[object]:
    """Every name_masked anywhere in an answer."""
    found: list[object] = []

    def walk(v: object) -> None:
        if isinstance(v, dict):
            if "name_masked" in v:
                found.append(v["name_masked"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(answer)
    return found


def test_only_the_serving_window_and_its_evaluator_see_the_name(hall: Hall, clients: dict[str, BusClient]) -> None:
    c = clients
    watcher = Client.of(hall.bundle("display-main"), hall.plain_port)  # every retained state and call event
    watcher.subscribe(R + "state/#", R + "event/call")
    issued = c["kiosk-02"].request("ticket.issue", {"matter": "resident-id-renew",
                                                    "citizen": {"key": secrets.token_hex(32), "name_masked": NAME}})
    assert issued.ok and _names(issued.result) == []  # the kiosk sent it; it gets no copy back
    number = issued.result["ticket"]["number"]

    def status(device: str) -> list[object]:
        r = c[device].request("ticket.status", {"ticket": number})
        assert r.ok, r
        return _names(r.result)

    # waiting: nobody sees it, however they ask, and walking the numbers finds nothing
    for device in c:
        assert status(device) == [], device
    for n in range(1, 30):
        r = c["kiosk-01"].request("ticket.status", {"ticket": f"A{n:03d}"})
        assert _names(r.result) == []
    # called at win-01: win-01 and eval-01 see it; win-02, the manager, kiosks and the display do not
    assert c["win-01"].request("window.open").ok
    called = c["win-01"].request("call.number", {"number": number})
    assert called.ok and _names(called.result) == [NAME]
    assert status("win-01") == [NAME] and status("eval-01") == [NAME]
    assert _names(c["eval-01"].request("window.current").result) == [NAME]
    for device in ("kiosk-01", "kiosk-02", "win-02", "mgr-01"):
        assert status(device) == [], device
    assert _names(c["mgr-01"].request("window.current", {"window": "win-01"}).result) == []
    assert _names(c["mgr-01"].request("hall.report").result) == []
    # served and finished: the ticket left the window, so the name goes with it
    assert _names(c["win-01"].request("ticket.serve").result) == [NAME]
    finished = c["win-01"].request("ticket.finish")
    assert finished.ok and _names(finished.result) == [] and status("win-01") == []
    # nothing retained or broadcast carries it (the marker: the call of the next ticket)
    nxt = c["kiosk-01"].request("ticket.issue", {"matter": "resident-id-renew"}).result["ticket"]["number"]
    assert c["win-01"].request("call.number", {"number": nxt}).ok
    assert c["win-01"].request("ticket.finish").ok
    seen = watcher.wait_for_match(R + "event/call", lambda p: json.loads(p).get("ticket") == nxt)
    watcher.close()
    assert seen and all(NAME.encode() not in p for _, p, _ in seen)
    assert all("name_masked" not in p.decode() for _, p, _ in seen)
