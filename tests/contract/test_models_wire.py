"""The models read what the queue server really sends, and give it back unchanged."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hallbus import models as M
from hallbus.errors import BAD_REQUEST, HallError
from hallbus.models import STATES, Name
from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from queue_server import wire

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


@pytest.fixture
def hall() -> Hall:
    h = Hall(load_hall("demo"))
    h.roll_day(T0)
    w = next(iter(h.windows))
    h.set_status(T0, w, M.WindowStatus.OPEN)
    group = h.windows[w].groups[0]
    matter = next(m.code for m in h.matters.values() if m.group == group)
    for i in range(3):
        h.issue(T0 + i, matter, "elderly" if i == 1 else "none")
    h.call_next(T0 + 10, w)
    return h


def test_every_state_the_server_publishes_round_trips(hall: Hall) -> None:
    bodies = {"calls": wire.state_calls(hall), "queues": wire.state_queues(hall, T0 + 60),
              "windows": wire.state_windows(hall), "catalog": wire.state_catalog(hall)}
    assert bodies["calls"]["calls"] and any(w["ticket"] for w in bodies["windows"]["windows"])
    for name, body in bodies.items():
        assert STATES[name].parse(body).to_wire() == body, name


def test_tickets_calls_and_results_round_trip(hall: Hall) -> None:
    for t in hall.tickets.values():
        body = wire.ticket(hall, t)
        assert M.Ticket.parse(body).to_wire() == body
        answer = {"ticket": body, "ahead": 2, "est_wait_s": 600}
        assert M.TicketAnswer.parse(answer).to_wire() == answer
        assert M.TicketResult.parse({"ticket": body}).to_wire() == {"ticket": body}
    call = wire.state_calls(hall)["calls"][0]
    assert M.Call.parse(call).to_wire() == call
    window = next(iter(hall.windows.values()))
    for result in ({"window": wire.window(hall, window)},
                   {"window": wire.window(hall, window), "ticket": None}):
        assert M.WindowResult.parse(result).to_wire() == result
    assert M.TicketResult.parse({"ticket": None}).ticket is None


def test_presence_keeps_the_health_a_device_adds() -> None:
    body = {"online": True, "printer": "ok", "out_of_service": None}
    p = M.Presence.parse(body)
    assert p.online and p.to_wire() == body and not M.Presence.parse({"online": False}).online


@pytest.mark.parametrize(("model", "body", "says"), [
    (M.Ticket, [], "ticket: must be a JSON object"),
    (M.Call, {"ticket": "A1", "window": "w", "at": "t", "window_label": "5"}, "window_label: must be an object"),
    (STATES["queues"], {"groups": [{"group": "g", "waiting": "3", "longest_wait_s": 0}]},
     "groups[0]: field 'waiting' must be an integer"),
    (STATES["windows"], {"windows": [{"id": "w", "label": {"zh": "窗", "en": "W"}, "status": "busy",
                                      "groups": []}]}, "field 'status' must be one of open, paused, closed"),
    (STATES["alerts"], {"alerts": [{"code": "no_window", "level": "loud"}]}, "alerts[0]: field 'level'"),
    (M.Presence, {"online": "yes"}, "field 'online' must be true or false"),
    (Name, {"zh": 1}, "must be an object"),
])
def test_a_bad_payload_is_a_bad_request_naming_the_field(model: type, body: object, says: str) -> None:
    with pytest.raises(HallError) as exc:
        model.parse(body)
    assert exc.value.code == BAD_REQUEST and says in exc.value.message, exc.value.message


def test_name_read_is_forgiving_for_screens() -> None:
    assert Name.read({"en": "Window 5"}, "win-05") == Name("Window 5", "Window 5")
    assert Name.read({"zh": "5号窗口"}) == Name("5号窗口", "5号窗口")
    assert Name.read(None, "win-05") == Name("win-05", "win-05")
