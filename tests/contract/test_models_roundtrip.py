"""Any model value survives the wire: parse(to_wire(m)) == m, and the wire form is plain JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hallbus import models as M

text = st.text(max_size=12)
opt_text = st.none() | text
ints = st.integers(min_value=0, max_value=10**6)
names = st.builds(M.Name, text, text)
codes = st.lists(text, max_size=4).map(tuple)

tickets = st.builds(
    M.Ticket, text, text, text, text, st.sampled_from(M.Status), st.sampled_from(M.Priority), text,
    called_at=opt_text, window=opt_text, name_masked=opt_text, recalls=ints, served_at=opt_text,
    finished_at=opt_text, target_window=opt_text, note=opt_text, ref=opt_text, url=opt_text,
    matters=st.none() | codes,
    outcomes=st.none() | st.dictionaries(text, st.sampled_from(["accepted", "incomplete", "rejected", "referred"]),
                                         max_size=3).map(lambda d: tuple(d.items())),
    parked_at=opt_text, remote=st.none() | st.booleans())
calls = st.builds(M.Call, text, text, names, text, st.booleans())
windows = st.builds(M.WindowState, text, names, st.sampled_from(M.WindowStatus), codes, opt_text, opt_text)
MODELS: dict[str, st.SearchStrategy[Any]] = {
    "ticket": tickets,
    "answer": st.builds(M.TicketAnswer, tickets, ints, st.none() | ints),
    "calls": st.builds(M.CallsState, st.lists(calls, max_size=3).map(tuple)),
    "queues": st.builds(M.QueuesState, st.lists(st.builds(
        M.GroupQueue, text, ints, ints, st.none() | ints, st.none() | ints, st.none() | st.sampled_from(M.QueueStatus)),
        max_size=3).map(tuple), opt_text),
    "windows": st.builds(M.WindowsState, st.lists(windows, max_size=3).map(tuple)),
    "catalog": st.builds(
        M.CatalogState,
        st.lists(st.builds(M.CatalogGroup, text, names, opt_text), max_size=3).map(tuple),
        st.lists(st.builds(M.CatalogMatter, text, names, text, st.none() | st.lists(names, max_size=2).map(tuple),
                           st.none() | st.booleans()), max_size=3).map(tuple),
        st.none() | st.builds(M.HallInfo, text, names),
        st.none() | st.lists(st.builds(M.Package, text, names, codes), max_size=2).map(tuple)),
    "alerts": st.builds(M.AlertsState, st.lists(st.builds(
        M.Alert, text, st.sampled_from(M.AlertLevel), opt_text, text, names), max_size=3).map(tuple)),
    "ticket_result": st.builds(M.TicketResult, st.none() | tickets),
    "window_result": st.builds(M.WindowResult, windows, st.none() | tickets, st.booleans()).filter(
        lambda r: r.with_ticket or r.ticket is None),
    "evaluation": st.builds(M.Evaluation, text, text, st.integers(1, 5), codes, opt_text, opt_text, opt_text),
}


@settings(max_examples=60, deadline=None)
@given(st.one_of(*MODELS.values()))
def test_parse_of_to_wire_is_the_model(model: Any) -> None:
    body = json.loads(json.dumps(model.to_wire(), ensure_ascii=False))  # what a subscriber really gets
    assert type(model).parse(body) == model


@settings(max_examples=30, deadline=None)
@given(st.builds(M.Presence, st.booleans(), st.dictionaries(st.text(max_size=8).filter(lambda k: k != "online"),
                                                             st.none() | st.booleans() | text, max_size=3)))
def test_presence_round_trips_with_its_health(p: M.Presence) -> None:
    back = M.Presence.parse(json.loads(json.dumps(p.to_wire())))
    assert back == p and back.health == p.health


@settings(max_examples=30, deadline=None)
@given(tickets)
def test_a_v1_reader_sees_no_1_1_key_that_is_unset(t: M.Ticket) -> None:
    wire = t.to_wire()
    for key in ("ref", "url", "matters", "outcomes", "parked_at", "remote"):
        assert (key in wire) == (getattr(t, key) is not None)
