"""The first ticket of the day, through a real broker and a real server process."""


def test_issue_call_finish(server, bus):
    kiosk, win = bus("kiosk-01"), bus("win-01")
    r = kiosk.request("ticket.issue", {"matter": "hukou-transfer"})
    assert r.ok, r
    assert r.result["ticket"]["number"] == "A001" and r.result["ahead"] == 0
    assert win.request("window.open").ok
    called = win.request("call.next")
    assert called.result["ticket"]["number"] == "A001"
    assert called.result["ticket"]["status"] == "called"
    done = win.request("ticket.finish")
    assert done.result["ticket"]["status"] == "done"
