"""Words on the manager's screens, in Chinese and English."""

from __future__ import annotations

from hallcore.model import Name
from manager_console.model import GroupRow, ManagerView, Notice, Preview, WindowRow
from window_console.texts import STATUS, duration

LEVEL_COLOR = {"ok": (0.2, 0.55, 0.3, 1), "near": (0.85, 0.55, 0.1, 1), "late": (0.8, 0.15, 0.15, 1),
               "no_window": (0.8, 0.15, 0.15, 1)}
# the evaluator's reasons for a bad rating, as the manager reads them (the architecture keeps the
# manager console off the evaluator package; tests/manager_console/test_manager_words.py keeps the two equal)
REASON_NAMES: dict[str, Name] = {
    "long_wait": Name("等候时间长", "Long wait"), "attitude": Name("态度不好", "Attitude"),
    "slow": Name("办事效率低", "Slow"), "unclear_requirements": Name("材料要求不清", "Unclear requirements"),
    "other": Name("其他", "Other"),
}
STATUS_COLOR = {"open": (0.2, 0.55, 0.3, 1), "paused": (0.85, 0.55, 0.1, 1), "closed": (0.5, 0.52, 0.56, 1)}
NOTICES: dict[str, Name] = {
    "window.open": Name("{w} 已开放", "{w} opened"), "window.pause": Name("{w} 已暂停", "{w} paused"),
    "window.close": Name("{w} 已关闭", "{w} closed"), "window.assign": Name("{w} 业务组已调整", "{w} reassigned"),
    "hall.report": Name("报表已更新", "Report loaded"), "evaluation.list": Name("差评列表已更新", "Ratings loaded"),
    "evaluation.follow_up": Name("回访已记录", "Follow-up saved"), "exported": Name("已导出 {w}", "Exported {w}"),
    "need_group": Name("请至少选择一个业务组", "Choose at least one group"),
    "need_note": Name("请填写回访记录", "Write a follow-up note"),
    "no_report": Name("请先载入报表", "Load the report first"),
    "export_failed": Name("导出失败", "Export failed"),
    "busy": Name("上一操作尚未完成", "The last request is still out"),
    "ticket_in_progress": Name("该窗口有正在办理的号，不能关闭", "The window has a ticket in progress"),
    "unknown_window": Name("没有这个窗口", "No such window"),
    "unknown_group": Name("没有这个业务组", "No such service group"),
    "unknown_ticket": Name("今天没有这个评价", "No such rating today"),
    "unavailable": Name("排队服务器无响应，请重试", "The queue server is not answering: try again"),
}


def notice(n: Notice | None) -> str:
    if n is None:
        return ""
    words = NOTICES.get(n.code) or Name(n.code, n.detail or n.code)
    w = n.detail or ""
    return f"{words.zh.format(w=w)}   {words.en.format(w=w)}"


ALERT_LEVEL = {"alarm": "[b][color=#c62828]告警 Alarm[/color][/b]", "warn": "[b][color=#b36b00]提醒 Warning[/color][/b]",
               "info": "[b]通知 Info[/b]"}


def _plain(text: object) -> str:
    """Text from the bus inside Kivy markup: its brackets must not open tags."""
    return str(text).replace("&", "&amp;").replace("[", "&bl;").replace("]", "&br;")


def alerts(v: ManagerView) -> str:
    """One line per alert, worst first (the server orders them), Chinese first."""
    lines = []
    for a in v.alerts:
        text = a.get("text")
        text = text if isinstance(text, dict) else {}
        lines.append(f"{ALERT_LEVEL.get(str(a.get('level')), ALERT_LEVEL['info'])}  "
                     f"{_plain(text.get('zh') or a.get('code'))}   {_plain(text.get('en') or '')}")
    return "\n".join(lines)


def header(v: ManagerView) -> str:
    link = "在线 online" if v.online and v.server_online else "⚠ 离线 offline"
    return f"大厅管理  Hall manager   ·   {link}   ·   服务目标 target {duration(v.service_level_s)}"


def window_tile(w: WindowRow, now: float, names: dict[str, Name]) -> str:
    st = STATUS.get(w.status, Name(w.status, w.status))
    groups = "/".join(names[g].zh[:2] if g in names else g for g in w.groups)
    ticket = f"{w.ticket}  {duration(w.on_it_s(now))}" if w.ticket else "—"
    return f"[b]{w.label.zh}[/b] {st.zh}\n{groups}\n{ticket}"


def group_line(g: GroupRow) -> str:
    # with citizens waiting and no window open there is no wait to estimate: say so, in red
    est = "无开放窗口 no window" if g.level == "no_window" else f"预计 est. {duration(g.est_wait_s)}"
    return (f"{g.name.zh}:  等候 waiting {g.waiting}   最长 longest {duration(g.longest_wait_s)}   "
            f"{est}   窗口 windows {g.windows_open}")


def preview(p: Preview | None, names: dict[str, Name]) -> str:
    if p is None:
        return "选择窗口与业务组，然后预测  Pick a window and groups, then Predict"
    groups = "、".join(names[g].zh if g in names else g for g in p.groups)
    head = f"{p.window} → {groups}"
    if p.state == "running":
        return f"{head}\n预测中…  predicting…"
    if p.state == "no_planner":
        return f"{head}\n无预测（未安装模拟器）  no prediction: the simulator is not installed"
    if p.state == "failed":
        return f"{head}\n预测失败  prediction failed: {p.detail}"
    lines = [f"{head}   预计等候 predicted wait (mean / p90), now → proposed"]
    for r in p.rows:
        if r.now_mean_s is None and r.new_mean_s is None:
            continue
        name = names[r.group].zh if r.group in names else r.group
        lines.append(f"{name}: {duration(r.now_mean_s)} / {duration(r.now_p90_s)}  →  "
                     f"{duration(r.new_mean_s)} / {duration(r.new_p90_s)}")
    return "\n".join(lines)


def totals(report: dict[str, object] | None) -> str:
    if not report:
        return "按 F5 载入今日报表  Press F5 to load today's report"
    t = report.get("totals")
    if not isinstance(t, dict):
        return ""
    level = t.get("service_level")
    return (f"{report.get('date')}   取号 issued {t.get('issued')}   办结 served {t.get('served')}   "
            f"过号 no-shows {t.get('no_shows')}   等候 waiting {t.get('waiting')}\n"
            f"平均等候 mean wait {duration(t.get('wait_mean_s'))}   P90 {duration(t.get('wait_p90_s'))}   "
            f"达标率 within target {'–' if level is None else f'{level}%'}   "
            f"评价 ratings {t.get('ratings')}  均分 mean {t.get('rating_mean') or '–'}  差评 bad {t.get('bad_ratings')}"
            + visits_line(report.get("visits")))


def visits_line(v: object) -> str:
    """1.1 跑动次数: the share of matters done in one visit, the figure the reform is judged by."""
    if not isinstance(v, dict) or not v.get("count"):
        return ""
    share = v.get("one_visit_share")
    return (f"\n一次办结 done in one visit {'–' if share is None else f'{round(100 * float(share), 1)}%'}   "
            f"办件 visits {v.get('count')}  事项 matters {v.get('matters')}  "
            f"人均事项 per visit {v.get('matters_per_visit')}  受理 cases {v.get('cases')}")


def _hhmm(iso: object) -> str:
    """HH:MM of a wire time: the server writes hall time with its offset."""
    return iso[11:16] if isinstance(iso, str) and len(iso) >= 16 else "–"


def rating_line(e: dict[str, object], matters: dict[str, Name] | None = None) -> str:
    """A bad rating as the manager follows it up: when the visit was, which matter, the
    reasons' names (not their codes), and whether it was followed up."""
    names = [REASON_NAMES.get(str(r), Name(str(r), str(r))) for r in e.get("reasons") or []]  # type: ignore[attr-defined]
    reasons = "、".join(n.zh for n in names) + (f" ({', '.join(n.en for n in names)})" if names else "")
    code = str(e.get("matter") or "")
    matter = (matters or {}).get(code, Name(code, code)) if code else Name("–", "–")
    done = f"   ✓ {e['follow_up']}" if e.get("follow_up") else "   待回访 to follow up"
    return (f"{e.get('number')}  {e.get('window')}  {e.get('score')}★  来访 visit {_hhmm(e.get('visit_at'))}  "
            f"{matter.zh} {matter.en}\n    {reasons or '未选原因 no reason given'}{done}")
