"""Issuing a ticket (docs/protocol.md, ticket.issue): what the ticket carries, the per-citizen limit
at exactly the limit, and what the store is told."""

from __future__ import annotations

import dataclasses

import pytest

from hallbus.errors import HallError
from hallcore.config import Policy
from hallcore.hall import Hall
from hallcore.model import Name, Priority, Status, WindowStatus
from tests.core.conftest import DEMO, T0


def test_a_ticket_carries_what_the_kiosk_sent(hall):
    t = hall.issue(T0, "re-transfer", "pregnant", citizen_key="ab" * 16, name_masked="张*", kiosk="kiosk-03")
    assert (t.id, t.day, t.number, t.matter, t.group) == ("20261201-B001", "2026-12-01", "B001", "re-transfer",
                                                          "real_estate")
    assert (t.priority, t.status, t.issued_at, t.queued_at) == (Priority.PREGNANT, Status.WAITING, T0, T0)
    assert (t.citizen_key, t.name_masked, t.kiosk, t.appointment) == ("ab" * 16, "张*", "kiosk-03", None)
    assert (t.called_at, t.window, t.target_window, t.recalls) == (None, None, None, 0)
    changes = hall.take_changes()
    assert changes.tickets == {t.id: t} and changes.counters == {("2026-12-01", "real_estate"): 1}
    assert changes.appointments_used == {} and hall.appointments_used == set()


def test_the_store_is_told_of_the_very_objects_changed(hall):
    hall.set_status(T0, "win-01", WindowStatus.OPEN)
    t = hall.issue(T0, "hukou-transfer")
    hall.call_next(T0 + 1, "win-01")
    changes = hall.take_changes()
    assert changes.tickets[t.id] is t and changes.windows["win-01"] is hall.windows["win-01"]
    assert not hall.take_changes()


@pytest.mark.parametrize("limit", [1, 3])
def test_a_citizen_gets_exactly_the_limit(limit):
    h = Hall(dataclasses.replace(DEMO, policy=Policy(tickets_per_citizen_matter_day=limit)))
    for _ in range(limit):
        h.issue(T0, "hukou-transfer", citizen_key="cd" * 16)
    with pytest.raises(HallError) as e:
        h.issue(T0, "hukou-transfer", citizen_key="cd" * 16)
    assert e.value.message == f"at most {limit} tickets a day per citizen for this matter"
    h.issue(T0, "hukou-transfer", citizen_key="ef" * 16)  # another citizen
    h.issue(T0, "hukou-transfer")  # and one without a card
    assert h.citizen_counts == {("cd" * 16, "hukou-transfer"): limit, ("ef" * 16, "hukou-transfer"): 1}


def test_windows_start_closed_with_the_hall_files_label_groups_and_evaluator():
    h = Hall(DEMO)
    w = h.windows["win-06"]
    assert (w.label, w.groups, w.evaluator, w.status.value, w.ticket) == (
        Name("6号窗口", "Window 6"), ["comprehensive", "pickup"], "eval-06", "closed", None)
    w.groups.append("enterprise")
    assert Hall(DEMO).windows["win-06"].groups == ["comprehensive", "pickup"]  # each hall its own list
