"""The window console's controller against the real broker and queue server (demo hall)."""

from __future__ import annotations

import time

from tests.window_console.helpers import FakeSign, console, run, wait_for
from window_console import texts


def issue(devices, matter="hukou-transfer", **extra):
    r = devices("kiosk-01").request("ticket.issue", {"matter": matter, **extra})
    assert r.ok, r.error_code
    return r.result["ticket"]["number"]


def test_open_call_serve_finish_with_the_sign(server, bus, devices):
    sign = FakeSign()
    c = console(bus, sign=sign)
    assert c.status == "closed" and c.view.groups[0].code == "comprehensive"
    kiosk = devices("kiosk-01")
    kiosk.request("ticket.issue", {"matter": "hukou-transfer", "priority": "elderly",
                                   "citizen": {"name_masked": "张*三"}})
    run(c, lambda: c.act("toggle_open"))
    assert c.status == "open" and c.message.code == "window"
    wait_for(lambda: c.view.groups[0].waiting == 1, what="queue count from state/queues")
    run(c, lambda: c.act("call_next"))
    t = c.view.ticket
    assert (t.number, t.status, t.priority, t.name_masked) == ("A001", "called", "elderly", "张*三")
    assert t.matter_name.zh == "户口迁移登记" and t.waited_s() is not None
    assert texts.message(c.message) == ("已叫 A001", "Called A001")
    assert sign.shown[-1] == "请A001号"
    run(c, lambda: c.act("recall"))
    assert c.view.ticket.recalls == 1 and c.message.code == "recalled"
    run(c, lambda: c.act("serve"))
    assert c.view.ticket.status == "serving" and sign.shown[-1] == "A001 办理中"
    run(c, lambda: c.act("finish"))
    assert c.view.ticket is None and c.message.code == "finished" and sign.shown[-1] == "欢迎光临"
    run(c, lambda: c.act("call_next"))
    assert c.view.ticket is None and c.message.code == "nobody_waiting"
    run(c, lambda: c.act("toggle_open"))
    assert c.status == "paused" and sign.shown[-1] == "暂停服务"
    run(c, lambda: c.act("close"))
    assert c.status == "closed" and sign.shown[-1] == ""


def test_errors_are_shown_and_the_console_resyncs(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("call_next"))
    assert (c.message.kind, c.message.code) == ("error", "window_closed")
    assert "F9" in texts.message(c.message)[1]
    run(c, lambda: c.act("toggle_open"))
    run(c, lambda: c.act("recall"))
    assert c.message.code == "no_current_ticket"
    run(c, lambda: c.act("finish"))
    assert c.message.code == "no_current_ticket"
    issue(devices)
    issue(devices)
    run(c, lambda: c.act("call_next"))
    run(c, lambda: c.act("call_next"))
    assert c.message.code == "ticket_in_progress" and c.view.ticket.number == "A001"
    run(c, lambda: c.act("close"))
    assert c.message.code == "ticket_in_progress" and c.status == "open"
    run(c, lambda: c.act("serve"))
    run(c, lambda: c.act("no_show"))
    assert c.message.code == "invalid_state"  # being served: finish it instead
    run(c, lambda: c.call_number("Z999"))
    assert c.message.code == "ticket_in_progress"
    assert c.call_number("  ") is False and c.message.code == "need_number"
    assert c.transfer() is False and c.message.code == "need_target"
    run(c, lambda: c.transfer(to_group="nonsense"))
    assert c.message.code == "unknown_group"
    run(c, lambda: c.transfer(to_window="win-99"))
    assert c.message.code == "unknown_window"
    assert texts.message(c.message) == ("没有这个窗口", "No such window")


def test_one_action_at_a_time(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    issue(devices)
    issue(devices)
    assert c.act("call_next") is True
    assert c.act("call_next") is False and c.message.code == "busy"  # the double press
    wait_for(lambda: c.busy is None and c.view.ticket is not None)
    time.sleep(0.3)
    status = devices("mgr-01").request("ticket.status", {"ticket": "A002"}).result["ticket"]["status"]
    assert status == "waiting"


def test_no_show_call_number_and_transfers(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    for _ in range(3):
        issue(devices)
    run(c, lambda: c.call_number("a003"))
    assert c.view.ticket.number == "A003"
    assert c.act("no_show") is True  # F5: pending, undoable for UNDO_S
    assert c.view.undo_s is not None and c.view.ticket.number == "A003"
    assert texts.message(c.message, c.view.undo_s)[0].startswith("A003 将在 5 秒后过号")
    assert c.act("call_next") is False and c.message.code == "no_show_pending"
    run(c, lambda: c.act("no_show"))  # F5 again: sent at once
    assert c.view.ticket is None and c.message.code == "no_show" and c.view.undo_s is None
    run(c, lambda: c.act("call_next"))
    assert "enterprise" in c.transfer_targets()[0] and "comprehensive" not in c.transfer_targets()[0]
    run(c, lambda: c.transfer(to_group="enterprise", note="营业执照 license"))
    assert c.message.code == "transferred" and c.view.ticket is None
    assert texts.message(c.message) == ("A001 已转至 企业开办", "A001 transferred to Enterprise start-up")
    t = devices("mgr-01").request("ticket.status", {"ticket": "A001"}).result["ticket"]
    assert (t["group"], t["note"]) == ("enterprise", "营业执照 license")
    run(c, lambda: c.act("call_next"))
    run(c, lambda: c.transfer(to_window="win-08"))
    t = devices("mgr-01").request("ticket.status", {"ticket": "A002"}).result["ticket"]
    assert t["target_window"] == "win-08"
    run(c, lambda: c.call_number("A003"))  # a no-show may be called again
    assert c.view.ticket.number == "A003"


def test_a_restarted_console_picks_up_its_ticket(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    issue(devices, "biz-license")  # enterprise: not served at win-05
    issue(devices)
    run(c, lambda: c.act("call_next"))
    run(c, lambda: c.act("serve"))
    c.bus.stop()
    sign = FakeSign()
    again = console(bus, sign=sign)  # a new process: same window, nothing remembered
    wait_for(lambda: again.view.ticket is not None, what="the resumed ticket")
    t = again.view.ticket
    assert (t.number, t.status, again.status) == ("A001", "serving", "open")
    assert again.message.code == "resumed" and sign.shown[-1] == "A001 办理中"
    run(again, lambda: again.act("finish"))
    assert again.view.ticket is None


def test_a_broken_sign_is_reported_and_work_goes_on(server, bus, devices):
    c = console(bus, sign=FakeSign(broken=True))
    run(c, lambda: c.act("toggle_open"))
    assert c.status == "open" and c.view.sign == "failed"
    assert "LED" in texts.header(c.view)


def test_manager_reassignment_moves_what_the_window_calls(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    issue(devices, "biz-license")  # D001, enterprise
    issue(devices)  # A001, comprehensive
    mgr = devices("mgr-01")
    assert mgr.request("window.assign", {"window": "win-05", "groups": ["enterprise"]}).ok
    wait_for(lambda: c.groups == ["enterprise"], what="the new groups on state/windows")
    assert [g.code for g in c.view.groups] == ["enterprise"]
    assert texts.message(c.message) == ("管理员已调整本窗口业务组：企业开办",
                                        "The manager changed this window's groups: Enterprise start-up")
    run(c, lambda: c.act("call_next"))
    assert c.view.ticket.number == "D001" and c.view.ticket.group == "enterprise"


def test_the_led_sign_twin_shows_the_call(server, bus, devices, tmp_path):
    from devices.led_emulator import LedSignEmulator
    from window_console.led import open_sign

    twin = LedSignEmulator(tmp_path / "led").start()
    holder = {}
    sign = open_sign(twin.url, lambda ok: "c" in holder and holder["c"].on_sign_state(ok)).start()
    try:
        c = holder["c"] = console(bus, sign=sign)
        run(c, lambda: c.act("toggle_open"))
        issue(devices)
        run(c, lambda: c.act("call_next"))
        wait_for(lambda: twin.shown == "请A001号", what="the call on the sign")
        twin.stop()  # unplugged: the console says so and goes on
        run(c, lambda: c.act("serve"))
        wait_for(lambda: c.view.sign == "failed", what="the sign reported failed")
        assert c.view.ticket.status == "serving"
    finally:
        sign.stop()
        twin.stop()


def test_a_no_show_can_be_undone_and_goes_out_by_itself(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    issue(devices)
    run(c, lambda: c.act("call_next"))
    assert c.act("no_show") and c.undo() is True
    assert c.view.undo_s is None and c.message.code == "no_show_undone" and c.view.ticket.number == "A001"
    assert c.undo() is False
    assert c.act("no_show")
    now = time.time()
    c.clock = lambda: now + 5.1  # the undo time is over: the next tick sends it
    before = c.answers
    c.tick()
    wait_for(lambda: c.answers > before and c.busy is None, what="the no-show's answer")
    assert c.view.ticket is None and c.message.code == "no_show"
    status = devices("mgr-01").request("ticket.status", {"ticket": "A001"}).result["ticket"]["status"]
    assert status == "no_show"


def test_no_pause_with_a_citizen_at_the_desk_and_no_transfer_without_a_ticket(server, bus, devices):
    c = console(bus)
    run(c, lambda: c.act("toggle_open"))
    assert c.can_transfer() is False and c.message.code == "no_current_ticket"
    issue(devices)
    run(c, lambda: c.act("call_next"))
    assert c.act("toggle_open") is False and c.message.code == "pause_with_ticket" and c.status == "open"
    assert c.can_transfer() is True
    run(c, lambda: c.act("finish"))
    run(c, lambda: c.act("toggle_open"))
    assert c.status == "paused" and texts.STATUS["paused"].zh == "已暂停"
    assert texts.STATUS["open"].zh != "办理中"
