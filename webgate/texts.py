"""Every word a citizen reads on the phone pages, Chinese first; `t(key, lang, **fields)`."""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")
TEXTS: dict[str, tuple[str, str]] = {
    "title_ticket": ("我的排队", "My place in the queue"),
    "title_hall": ("大厅现况", "The hall now"),
    "number": ("号码", "Number"),
    "matter": ("事项", "Matter"),
    "status": ("状态", "Status"),
    "st_waiting": ("等候中", "Waiting"),
    "st_transferred": ("等候中（已转办）", "Waiting (transferred)"),
    "st_called": ("请到窗口办理", "Called: please go to the window"),
    "st_serving": ("正在办理", "Being served"),
    "st_done": ("已办结", "Done"),
    "st_no_show": ("已过号", "Missed: called but not at the window"),
    "st_cancelled": ("已作废", "Cancelled"),
    "ahead": ("前面还有 {n} 人", "{n} ahead"),
    "ahead_many": ("前面还有 {n} 人以上", "more than {n} ahead"),
    "next": ("下一位就是您", "You are next"),
    "wait": ("预计等候 {lo}–{hi} 分钟", "Expected wait {lo}–{hi} min"),
    "wait_short": ("预计很快", "Expected very soon"),
    "no_window": ("目前没有开放的窗口办理此类业务，暂无法估计等候时间", "No window serving this now: no wait can be estimated"),
    "called_short": ("已叫号，{window}", "called, {window}"),
    "remote_check_in": ("这是手机取的号：到大厅后请在任一自助机扫描下方二维码签到，签到后才会叫到您。",
                        "A phone ticket: when you arrive, scan the code below at any kiosk to check in; only then can you be called."),
    "remote_passed": ("已轮到您但尚未签到，暂被跳过：请尽快到自助机扫码签到，签到后优先叫号，逾时作废。",
                      "Your turn came before you checked in, so you were passed over: check in at a kiosk soon to be "
                      "called next, or the ticket lapses."),
    "remote_ok": ("已签到", "Checked in"),
    "live": ("页面会自动更新，无需刷新", "This page updates by itself"),
    "offline": ("连接中断，正在重新连接…", "Connection lost, reconnecting…"),
    "no_script": ("未启用脚本：请刷新页面查看最新状态", "Scripts are off: reload the page for the latest"),
    "privacy": ("本页不含个人信息。", "No personal data on this page."),
    "switch": ("English", "中文"),
    "group": ("业务", "Service"),
    "waiting": ("等候人数", "Waiting"),
    "expected": ("预计等候", "Expected wait"),
    "g_open": ("办理中", "Open"),
    "g_no_window": ("暂无窗口", "No window open"),
    "g_closed": ("今日已停止取号", "Closed for today"),
    "g_closed_for_today": ("今日已停止取号", "Closed for today"),
    "g_not_open_yet": ("尚未开始取号", "Not open yet"),
    "minutes": ("{lo}–{hi} 分钟", "{lo}–{hi} min"),
    "none": ("—", "—"),
    "not_found_title": ("找不到这张票", "Ticket not found"),
    "not_found": ("请检查链接是否完整，或扫描票上的二维码。", "Check the link is complete, or scan the code on your slip."),
    "busy": ("服务暂时繁忙，请稍后再试", "The service is busy: please try again shortly"),
    "too_many": ("请求过于频繁，请稍后再试", "Too many requests: please wait a moment"),
    "bad_request": ("请求无效", "Bad request"),
    "remote_link": ("不在大厅？手机取号", "Not in the hall? Take a ticket by phone"),
    "hall_link": ("查看大厅现况", "See the hall now"),
}


def t(key: str, lang: str, **fields: Any) -> str:
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


def lang_of(raw: str | None) -> str:
    return raw if raw in LANGS else "zh"
