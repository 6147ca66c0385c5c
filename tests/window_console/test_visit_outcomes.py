"""The window console records an outcome per matter of a package ticket, over the real bus (1.1)."""

from __future__ import annotations

from tests.window_console.helpers import console, run


def test_the_console_lists_the_matters_and_records_each_outcome(server, bus, devices):
    c = console(bus, "win-05")
    run(c, lambda: c.act("toggle_open"))
    assert devices("kiosk-01").request("ticket.issue", {"package": "retire"}).ok
    run(c, lambda: c.act("call_next"))
    t = c.view.ticket
    assert t is not None and t.pending() == ("pension-claim", "medical-insurance-retire", "hpf-retire-withdraw")
    run(c, lambda: c.outcome("pension-claim", "accepted"))
    assert c.view.message is not None and c.view.message.code == "case" and len(c.view.message.number or "") > 12
    run(c, lambda: c.outcome("medical-insurance-retire", "incomplete", missing=["退休审批表（原件）", " "]))
    assert c.view.message is not None and c.view.message.code == "outcome"
    run(c, lambda: c.outcome("hpf-retire-withdraw", "rejected"))  # no reason: refused, nothing recorded
    assert c.view.message is not None and c.view.message.code == "bad_request"
    t = c.view.ticket
    assert t is not None and t.pending() == ("hpf-retire-withdraw",)
    assert dict(t.outcomes)["medical-insurance-retire"]["missing"] == ["退休审批表（原件）"]
    run(c, lambda: c.outcome("hpf-retire-withdraw", "referred", note="请到9号窗口"))
    assert c.view.ticket is not None and c.view.ticket.pending() == ()


def test_the_ticket_lines_list_each_matter_with_its_outcome():
    from hallcore.model import Name
    from window_console.model import TicketInfo
    from window_console.texts import matters_line

    t = TicketInfo("A001", "a", Name("甲", "A"), "comprehensive", "serving", "none", None, None, None,
                   matters=("a", "b"), outcomes=(("a", {"outcome": "accepted"}),))
    assert matters_line(t) == "\n事项 matters — a: 受理 accepted; b: 待办 pending"
    assert matters_line(TicketInfo("A002", "a", Name("甲", "A"), "g", "called", "none", None, None, None,
                                   matters=("a",))) == ""
