"""Words on the clerk's screen and the window's LED sign, in Chinese and English."""

from __future__ import annotations

from hallcore.model import Name
from window_console.model import ConsoleView, Message, TicketInfo

STATUS = {"open": Name("开放中", "Open"), "paused": Name("已暂停", "Paused"), "closed": Name("已关闭", "Closed"),
          "unknown": Name("连接中", "Connecting")}
# the header's colour by window state: one look tells open, paused and closed apart
STATUS_COLOUR = {"open": (0.10, 0.50, 0.22, 1), "paused": (0.85, 0.55, 0.05, 1), "closed": (0.45, 0.47, 0.52, 1),
                 "unknown": (0.45, 0.47, 0.52, 1)}
PRIORITY = {"none": Name("普通", "Regular"), "elderly": Name("老年人", "Elderly"),
            "disabled": Name("残障", "Disabled"), "pregnant": Name("孕妇", "Pregnant"),
            "appointment": Name("预约", "Appointment")}
TICKET_STATUS = {"called": Name("已叫号", "Called"), "serving": Name("办理中", "Serving")}

ERRORS: dict[str, Name] = {
    "window_closed": Name("窗口未开放，请先开窗（F9）", "The window is not open: open it first (F9)"),
    "ticket_in_progress": Name("请先办结、过号或转办当前号", "Finish, no-show or transfer the current ticket first"),
    "no_current_ticket": Name("当前没有号", "There is no current ticket"),
    "invalid_state": Name("此号当前状态不允许此操作", "The ticket's state does not allow this"),
    "unknown_ticket": Name("今天没有这个号", "No such ticket today"),
    "unknown_window": Name("没有这个窗口", "No such window"),
    "unknown_group": Name("没有这个业务组", "No such service group"),
    "not_allowed": Name("本设备无权进行此操作", "This device may not do this"),
    "bad_request": Name("请求无效", "The request was not valid"),
    "unavailable": Name("排队服务器无响应，请重试", "The queue server is not answering: try again"),
    "busy": Name("上一操作尚未完成", "The last action is still in progress"),
    "need_target": Name("请选择转往的业务组或窗口", "Choose a group or a window to transfer to"),
    "need_number": Name("请输入号码", "Enter a ticket number"),
    "pause_with_ticket": Name("请先办结、过号或转办当前号，再暂停", "Finish, no-show or transfer the current ticket before pausing"),
    "no_show_pending": Name("过号即将生效：按 Esc 撤销，或再按 F5 立即过号",
                            "A no-show is pending: Esc to undo, or F5 again to send it now"),
}
INFO: dict[str, Name] = {
    "nobody_waiting": Name("没有等候的号", "Nobody is waiting"),
    "called": Name("已叫 {n}", "Called {n}"),
    "recalled": Name("已重呼 {n}", "Recalled {n}"),
    "serving": Name("{n} 开始办理", "Serving {n}"),
    "finished": Name("{n} 已办结", "{n} finished"),
    "no_show": Name("{n} 已过号", "{n} marked no-show"),
    "transferred": Name("{n} 已转至 {to}", "{n} transferred to {to}"),
    "parked": Name("{n} 已挂起，可叫下一位", "{n} parked; call the next"),
    "no_show_pending": Name("{n} 将在 {s} 秒后过号 —— 按 Esc 撤销", "{n} no-show in {s} s: Esc to undo"),
    "no_show_undone": Name("已撤销过号，{n} 仍是当前号", "No-show undone: {n} is still current"),
    "groups_changed": Name("管理员已调整本窗口业务组：{to}", "The manager changed this window's groups: {to}"),
    "window": Name("窗口状态已更新", "Window status updated"),
    "resumed": Name("已恢复当前号 {n}", "Picked up current ticket {n}"),
    "outcome": Name("已记录 {n} 的事项结果", "Outcome recorded for {n}"),
    "case": Name("已受理，办件编号 {n}", "Accepted: case number {n}"),
}


def message(m: Message | None, undo_s: float | None = None) -> tuple[str, str]:
    if m is None:
        return "", ""
    table = ERRORS if m.kind == "error" else INFO
    words = table.get(m.code) or Name(m.code, m.detail or m.code)
    n, to = m.number or "", m.to or Name("", "")
    s = str(max(1, round(undo_s))) if undo_s is not None else ""
    return words.zh.format(n=n, to=to.zh, s=s), words.en.format(n=n, to=to.en, s=s)


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def ticket_lines(v: ConsoleView) -> tuple[str, str, str]:
    """Number; matter and priority; who, waited and time on it."""
    t = v.ticket
    if t is None:
        return "—", "当前无号  No current ticket", ""
    pr = PRIORITY.get(t.priority, Name(t.priority, t.priority))
    st = TICKET_STATUS.get(t.status, Name(t.status, t.status))
    matter = f"{t.matter_name.zh}  {t.matter_name.en}"
    prio = "" if t.priority == "none" else f"   ★ {pr.zh} {pr.en}"
    who = f"{t.name_masked}   " if t.name_masked else ""
    extra = f"   重呼 recalls {t.recalls}" if t.recalls else ""
    note = f"\n转办说明 Note: {t.note}" if t.note else ""
    return (t.number, f"{matter}{prio}{matters_line(t)}",
            f"{who}{st.zh} {st.en}   等候 waited {duration(t.waited_s())}   "
            f"本号用时 on it {duration(v.on_ticket_s())}{extra}{note}")


OUTCOME = {"accepted": "受理 accepted", "incomplete": "补正 incomplete", "rejected": "不予受理 rejected",
           "referred": "转介 referred"}


def matters_line(t: TicketInfo) -> str:
    """1.1: a visit of several matters lists each with its outcome so far; pending ones say so."""
    if len(t.matters) < 2 and not t.outcomes:
        return ""
    done = dict(t.outcomes)
    items = [f"{m}: {OUTCOME.get(str(done[m].get('outcome')), '?') if m in done else '待办 pending'}"
             for m in t.matters]
    return "\n事项 matters — " + "; ".join(items)


def groups_line(v: ConsoleView) -> str:
    parked = f"\n挂起 parked: {' '.join(v.parked)}" if v.parked else ""
    if not v.groups:
        return parked.lstrip("\n")
    return "\n".join(f"{g.name.zh} {g.name.en}\n    等候 waiting {g.waiting}   最长 longest {duration(g.longest_wait_s)}"
                     for g in v.groups) + parked


def header(v: ConsoleView) -> str:
    st = STATUS.get(v.status, Name(v.status, v.status))
    link = "" if v.online and v.server_online else "   ⚠ 离线 offline"
    sign = "   ⚠ LED 屏故障 sign failed" if v.sign == "failed" else ""
    return f"{v.label.zh} {v.label.en}   ·   {st.zh} {st.en}{link}{sign}"


def sign_text(status: str, ticket: TicketInfo | None) -> str | None:
    """What the window's LED sign says; None clears it."""
    if ticket is not None:
        return f"请{ticket.number}号" if ticket.status == "called" else f"{ticket.number} 办理中"
    return {"open": "欢迎光临", "paused": "暂停服务"}.get(status)
