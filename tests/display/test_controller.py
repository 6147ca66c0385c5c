"""The display controller on a fake clock: what it shows, what it announces, when it is offline."""

from __future__ import annotations

from hall_display.controller import DisplayController
from hall_display.model import Call, DisplayView
from tests.display.fakes import CATALOG, QUEUES, FakeClock, call


def make() -> tuple[DisplayController, FakeClock, list[Call], list[DisplayView]]:
    clock, said, views = FakeClock(), [], []
    ctrl = DisplayController(clock=clock, highlight_s=8, announce=said.append, on_change=views.append)
    return ctrl, clock, said, views


def test_a_call_is_shown_highlighted_announced_and_the_highlight_ends():
    ctrl, clock, said, views = make()
    ctrl.on_call(call("A023", 5))
    v = ctrl.view
    assert v.current is not None and v.current.ticket == "A023" and v.current.label.zh == "5号窗口"
    assert v.highlight and [c.ticket for c in said] == ["A023"]
    clock.sleep(7.9)
    ctrl.tick()
    assert ctrl.view.highlight
    clock.sleep(0.2)
    ctrl.tick()
    assert not ctrl.view.highlight and ctrl.view.current.ticket == "A023"
    assert views[-1] is ctrl.view and ctrl.view.version == len(views)


def test_duplicate_delivery_is_announced_once_but_a_recall_again():
    ctrl, _clock, said, _views = make()
    ctrl.on_call(call("A023", 5))
    ctrl.on_call(call("A023", 5))
    ctrl.on_call(call("A023", 5, at="2025-03-07T09:01:00+08:00", recall=True))
    assert [(c.ticket, c.recall) for c in said] == [("A023", False), ("A023", True)]
    assert len(ctrl.view.recent) == 2


def test_retained_state_redraws_without_announcing():
    ctrl, _clock, said, _views = make()
    ctrl.on_connection(True)
    ctrl.on_catalog(CATALOG)
    ctrl.on_queues(QUEUES)
    ctrl.on_server_presence({"online": True})
    calls = [call(f"A{n:03d}", n % 12 + 1, at=f"2025-03-07T09:{n:02d}:00+08:00") for n in range(12, 0, -1)]
    ctrl.on_calls({"calls": calls[:10]})
    v = ctrl.view
    assert said == [] and not v.highlight
    assert v.current.ticket == "A012" and len(v.recent) == 10
    assert v.hall_name.zh == "市民服务中心" and v.offline is None
    assert [(g.name.zh, g.waiting, g.est_wait_s) for g in v.groups] == [("综合受理", 4, 960), ("证照领取", 0, 0)]


def test_a_live_call_ahead_of_the_retained_list_is_kept():
    ctrl, _clock, _said, _views = make()
    ctrl.on_call(call("A003", 2, at="2025-03-07T09:03:00+08:00"))
    ctrl.on_calls({"calls": [call("A002", 1, at="2025-03-07T09:02:00+08:00"),
                             call("A001", 1, at="2025-03-07T09:01:00+08:00")]})
    assert [c.ticket for c in ctrl.view.recent] == ["A003", "A002", "A001"]
    assert ctrl.view.highlight
    ctrl.on_calls({"calls": []})  # a new day: the server's empty list wins over older calls
    assert ctrl.view.recent == () and ctrl.view.current is None


def test_state_arriving_before_the_event_still_announces_it():
    ctrl, _clock, said, _views = make()
    ctrl.on_calls({"calls": [call("A007", 3)]})
    ctrl.on_call(call("A007", 3))
    assert [c.ticket for c in said] == ["A007"] and ctrl.view.highlight and len(ctrl.view.recent) == 1


def test_offline_reasons():
    ctrl, _clock, _said, _views = make()
    assert ctrl.view.offline == "connecting"
    ctrl.on_connection(True)
    assert ctrl.view.offline == "connecting"
    ctrl.on_server_presence({"online": False})
    assert ctrl.view.offline == "server_offline"
    ctrl.on_server_presence({"online": True})
    assert ctrl.view.offline is None
    ctrl.on_connection(False)
    assert ctrl.view.offline == "no_broker"


def test_catalog_after_queues_names_the_groups():
    ctrl, _clock, _said, _views = make()
    ctrl.on_queues(QUEUES)
    assert ctrl.view.groups[0].name.zh == "comprehensive"
    ctrl.on_catalog(CATALOG)
    assert ctrl.view.groups[0].name.en == "Comprehensive"


def test_no_change_no_redraw():
    ctrl, _clock, _said, views = make()
    ctrl.on_queues(QUEUES)
    n = len(views)
    ctrl.on_queues(QUEUES)
    ctrl.tick()
    assert len(views) == n
