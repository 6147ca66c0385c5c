"""Over the real broker and server: state/alerts says a group waits with no window, and that a
kiosk is out of paper or offline (from its retained presence), and clears when that ends."""

from __future__ import annotations

import json

from hallbus.mqtt import BrokerSpec, Connection
from tests.server.rules_support import result, wait_state


def codes(state):
    return sorted((a["code"], a["subject"]) for a in state["alerts"])


def test_alerts_come_and_go(server, bus, broker):
    kiosk, mgr, win = bus("kiosk-01"), bus("mgr-01"), bus("win-11")
    result(kiosk.request("ticket.issue", {"matter": "biz-license"}))
    s = wait_state(mgr, "alerts", lambda s: ("no_window", "enterprise") in codes(s))
    alert = next(a for a in s["alerts"] if a["code"] == "no_window")
    assert alert["level"] == "alarm" and alert["text"]["zh"].startswith("「企业开办」") and alert["since"]
    kiosk.publish_presence({"printer": "paper_out"})
    wait_state(mgr, "alerts", lambda s: ("device_fault", "kiosk-01") in codes(s))
    other = Connection(BrokerSpec.from_url(broker.url), "display-main")
    other.start(wait=10)
    other.publish("hall/demo/presence/display-main", json.dumps({"online": False}).encode(), retain=True)
    wait_state(mgr, "alerts", lambda s: ("device_offline", "display-main") in codes(s))
    other.stop()
    kiosk.publish_presence({"printer": "ok"})
    result(win.request("window.open"))
    s = wait_state(mgr, "alerts", lambda s: ("no_window", "enterprise") not in codes(s)
                   and ("device_fault", "kiosk-01") not in codes(s))
    assert codes(s) == [("device_offline", "display-main")]
