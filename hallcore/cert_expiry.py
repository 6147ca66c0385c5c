"""The `cert_expiring` alert: from a certificate's end of validity and the time, what the hall is told.

Pure: the caller reads the certificate (the server asks the broker for the one it serves)
and passes its `not_after`; nothing here touches the network or a file. The alert starts 30
days before expiry as a warning and becomes an alarm in the last 7 days (and once expired,
when every device that connects is refused). `since` is the start of those 30 days, so the
alert keeps one `since` however often it is computed, across restarts too.
"""

from __future__ import annotations

from typing import Any

from hallcore.clock import LocalTime

DAY_S = 86400.0
WARN_DAYS = 30
ALARM_DAYS = 7
RENEW = "hallq provision tls renew"


def cert_alert(not_after: float, now: float, time: LocalTime, subject: str = "broker") -> dict[str, Any] | None:
    """The alert (state/alerts shape, PROTOCOL.md 1.1) for a certificate valid until `not_after`, or None."""
    left_s = not_after - now
    if left_s > WARN_DAYS * DAY_S:
        return None
    local = time.iso(not_after) or ""
    when = local[:16].replace("T", " ")  # hall time to the minute: what an administrator plans by
    level = "alarm" if left_s <= ALARM_DAYS * DAY_S else "warn"
    if left_s <= 0:
        zh = f"代理服务器的TLS证书已于 {when} 过期，新连接的设备都会被拒绝。请立即运行 {RENEW}。"
        en = f"The broker's TLS certificate expired on {when}: every device that connects now is refused. " \
             f"Run `{RENEW}` now."
    else:
        days = int(left_s // DAY_S)
        zh_left, en_left = (f"还剩 {days} 天", f"{days} day{'s' * (days > 1)} left") if days else ("不到 1 天", "less than a day left")
        zh = f"代理服务器的TLS证书将于 {when} 到期（{zh_left}），到期后设备无法连接。请运行 {RENEW}。"
        en = f"The broker's TLS certificate expires on {when} ({en_left}); then no device can connect. " \
             f"Run `{RENEW}`."
    return {"code": "cert_expiring", "level": level, "subject": subject,
            "since": time.iso(not_after - WARN_DAYS * DAY_S), "text": {"zh": zh, "en": en}}
