"""The cert_expiring alert: silent until 30 days before, a warning, then an alarm for the last 7 days."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hallcore.cert_expiry import DAY_S, cert_alert
from hallcore.clock import LocalTime

HALL_TIME = LocalTime("Asia/Shanghai")
END = datetime(2027, 3, 1, 2, 30, tzinfo=ZoneInfo("UTC")).timestamp()  # 10:30 in the hall


def test_no_alert_before_the_last_30_days() -> None:
    assert cert_alert(END, END - 30 * DAY_S - 1, HALL_TIME) is None
    assert cert_alert(END, END - 400 * DAY_S, HALL_TIME) is None


def test_a_warning_for_30_days_then_an_alarm_for_the_last_7() -> None:
    first = cert_alert(END, END - 30 * DAY_S, HALL_TIME)
    assert first is not None and first["level"] == "warn" and first["code"] == "cert_expiring"
    assert first["subject"] == "broker"
    assert first["text"]["zh"].startswith("代理服务器的TLS证书将于 2027-03-01 10:30 到期（还剩 30 天）")
    assert "(30 days left)" in first["text"]["en"] and "hallq provision tls renew" in first["text"]["en"]
    week = cert_alert(END, END - 7 * DAY_S + 5, HALL_TIME)
    assert week is not None and week["level"] == "alarm" and "(6 days left)" in week["text"]["en"]
    one = cert_alert(END, END - 1.5 * DAY_S, HALL_TIME)
    assert one is not None and "(1 day left)" in one["text"]["en"]
    minute = cert_alert(END, END - 60, HALL_TIME)
    assert minute is not None and "不到 1 天" in minute["text"]["zh"] and "less than a day" in minute["text"]["en"]
    # one `since` whenever it is computed: the start of the 30 days, in hall time
    assert {a["since"] for a in (first, week, one, minute)} == {"2027-01-30T10:30:00+08:00"}


def test_an_expired_certificate_is_an_alarm_that_says_so() -> None:
    gone = cert_alert(END, END + 3600, HALL_TIME)
    assert gone is not None and gone["level"] == "alarm"
    assert "已于 2027-03-01 10:30 过期" in gone["text"]["zh"] and "expired on 2027-03-01 10:30" in gone["text"]["en"]
    assert set(gone) == {"code", "level", "subject", "since", "text"}  # PROTOCOL.md 1.1, nothing else
