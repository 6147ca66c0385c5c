"""The words on the screen, zh and en, as pure functions of the view."""

from __future__ import annotations

from datetime import datetime

from hall_display.model import Call, GroupLine

OFFLINE = {
    "connecting": ("正在连接叫号系统…", "Connecting to the queue system…"),
    "no_broker": ("叫号系统网络中断，请稍候", "Queue system network down, please wait"),
    "server_offline": ("叫号服务暂停，请稍候", "Queue service paused, please wait"),
}
WEEKDAYS_ZH = "一二三四五六日"


STATUS_TEXT = {  # said plainly instead of a wait no one can estimate
    "no_window": ("暂无窗口办理", "no window open"),
    "closed_for_today": ("今日已停止取号", "tickets over for today"),
    "not_open_yet": ("尚未开始办理", "not open yet"),
}


def wait_text(line: GroupLine) -> tuple[str, str]:
    if line.status in STATUS_TEXT and (line.waiting or line.status != "no_window"):
        return STATUS_TEXT[line.status]
    if line.waiting == 0:
        return "无需等候", "no wait"
    minutes = max(1, round(line.est_wait_s / 60))
    return f"约 {minutes} 分钟", f"about {minutes} min"


def call_target(call: Call) -> str:
    return f"{call.label.zh} / {call.label.en}"


def offline_text(reason: str | None) -> str:
    if reason is None:
        return ""
    zh, en = OFFLINE.get(reason, OFFLINE["server_offline"])
    return f"{zh}  {en}"


def clock_text(now: datetime) -> tuple[str, str]:
    """("14:05:09", "2025-03-07 星期五 Fri")."""
    return now.strftime("%H:%M:%S"), f"{now:%Y-%m-%d} 星期{WEEKDAYS_ZH[now.weekday()]} {now:%a}"


def recent_rows(recent: tuple[Call, ...], limit: int = 9) -> list[Call]:
    """The list under the current call: newest first, without the current one or repeats of a recall."""
    seen: set[tuple[str, str]] = set()
    out: list[Call] = []
    for call in recent[1:]:
        key = (call.ticket, call.window)
        if key in seen or (recent and key == (recent[0].ticket, recent[0].window)):
            continue
        seen.add(key)
        out.append(call)
    return out[:limit]
