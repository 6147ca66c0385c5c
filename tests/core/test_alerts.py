"""Alerts from the hall's state: pure functions, one list per source, merged with a stable `since`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hallcore.hall_alerts import Alert, device_alerts, hall_alerts, merge, sms_alerts
from hallcore.model import Name, WindowStatus
from tests.core.conftest import T0, open_windows

ROLES = {"kiosk-01": "kiosk", "display-main": "display"}


def codes(alerts):
    return [(a.code, a.subject) for a in alerts]


def test_no_window_and_past_target(hall):
    hall.issue(T0, "biz-license")
    assert codes(hall_alerts(hall, T0 + 60, {})) == [("no_window", "enterprise")]
    late = hall_alerts(hall, T0 + 901, {})
    assert codes(late) == [("no_window", "enterprise"), ("past_target", "enterprise")]
    assert late[0].text.zh.startswith("「企业开办」有 1 人等候") and late[0].since == T0
    open_windows(hall, "win-11")
    assert codes(hall_alerts(hall, T0 + 901, {})) == [("past_target", "enterprise")]
    hall.call_next(T0 + 902, "win-11")
    assert hall_alerts(hall, T0 + 903, {}) == []


def test_window_paused_too_long(hall):
    open_windows(hall, "win-03")
    hall.set_status(T0, "win-03", WindowStatus.PAUSED)
    assert hall_alerts(hall, T0 + 899, {"win-03": T0}) == []
    assert codes(hall_alerts(hall, T0 + 900, {"win-03": T0})) == [("window_paused_long", "win-03")]


def test_devices_offline_or_faulty_from_presence():
    presence = {"kiosk-01": {"online": True, "printer": "paper_out"}, "display-main": {"online": False},
                "stranger": {"online": False}}
    found = device_alerts(presence, ROLES, T0)
    assert codes(found) == [("device_offline", "display-main"), ("device_fault", "kiosk-01")]
    assert found[1].text.zh == "kiosk-01 缺纸"
    assert device_alerts({"kiosk-01": {"online": True, "printer": "ok"}}, ROLES, T0) == []


def test_sms_placeholder():
    assert sms_alerts(2, T0) == [] and codes(sms_alerts(3, T0)) == [("sms_failing", "sms")]


def test_merge_concatenates_sources_keeps_since_and_forgets_ended():
    seen: dict = {}
    a = Alert("past_target", "warn", "g", T0, Name("z", "e"))
    b = Alert("cert_expiring", "info", "server", T0, Name("z", "e"))  # another module's source
    assert [x.code for x in merge(seen, [a], [b])] == ["past_target", "cert_expiring"]
    again = merge(seen, [Alert("past_target", "warn", "g", T0 + 50, Name("z", "e"))], [])
    assert again[0].since == T0 and ("cert_expiring", "server") not in seen


@given(st.lists(st.tuples(st.sampled_from(["info", "warn", "alarm"]), st.integers(0, 1000)), max_size=20))
def test_merge_puts_alarms_first(items):
    alerts = [Alert(f"c{i}", lvl, "s", float(t), Name("z", "e")) for i, (lvl, t) in enumerate(items)]
    merged = merge({}, alerts)
    order = {"alarm": 0, "warn": 1, "info": 2}
    assert [order[a.level] for a in merged] == sorted(order[a.level] for a in merged)
    assert len(merged) == len(alerts)


def test_the_board_publishes_the_union_of_sources_only_on_change():
    from hallbus.topics import Topics
    from queue_server.hall_alerts import RetainedAlerts

    class Recorder:  # the connection's publish, recorded
        def __init__(self):
            self.sent = []

        def publish(self, topic, body, retain=False):
            self.sent.append((topic, body, retain))

    conn = Recorder()
    board = RetainedAlerts(conn, Topics("demo"))  # type: ignore[arg-type]
    hall = {"code": "no_window", "level": "alarm", "subject": "g", "since": "t1", "text": {"zh": "z", "en": "e"}}
    cert = {"code": "cert_expiring", "level": "warn", "subject": "server", "since": "t0", "text": {"zh": "z", "en": "e"}}
    board.set("hall", [hall])
    board.set("cert", [cert])
    board.set("hall", [hall])  # no change: nothing sent
    assert len(conn.sent) == 2 and conn.sent[-1][0] == "hall/demo/state/alerts" and conn.sent[-1][2]
    import json
    assert [a["code"] for a in json.loads(conn.sent[-1][1])["alerts"]] == ["no_window", "cert_expiring"]
    board.set("hall", [])
    assert [a["code"] for a in json.loads(conn.sent[-1][1])["alerts"]] == ["cert_expiring"]
