"""Every word the kiosk shows, in Chinese and English. Errors and out-of-service notices
are always shown in both languages; the rest follows the chosen language."""

from __future__ import annotations

from hallbus.models.name import Name

T: dict[str, tuple[str, str]] = {
    "touch_start": ("请触摸屏幕开始取号", "Touch the screen to take a number"),
    "hint_id": ("可刷身份证", "You may read your ID card"),
    "hint_qr": ("预约市民请出示预约二维码", "With an appointment? Show its QR code"),
    "choose_group": ("请选择业务类别", "Choose a service"),
    "search": ("搜索", "Search"),
    "search_hint": ("输入拼音首字母或英文", "Type pinyin initials or English"),
    "no_results": ("没有找到相关事项", "No matching matter"),
    "choose_priority": ("是否需要优先服务？", "Do you need priority service?"),
    "prio_none": ("不需要", "No"),
    "prio_elderly": ("老年人", "Senior citizen"),
    "prio_disabled": ("残障人士", "Person with disability"),
    "prio_pregnant": ("孕妇", "Pregnant"),
    "prio_appointment": ("预约", "Appointment"),
    "confirm_title": ("请确认", "Please confirm"),
    "confirm": ("确认取号", "Confirm"),
    "back": ("返回", "Back"),
    "home": ("首页", "Home"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "clear": ("清空", "Clear"),
    "space": ("空格", "Space"),
    "large": ("大字", "Large"),
    "normal": ("标准字", "Normal"),
    "lang": ("English", "中文"),
    "checking": ("正在核对预约码，请稍候…", "Checking your appointment code…"),
    "issuing": ("正在取号，请稍候…", "Getting your number…"),
    "printing": ("正在打印…", "Printing…"),
    "take_ticket": ("请取走您的号票", "Please take your ticket"),
    "ahead": ("前面还有 {n} 人", "{n} people ahead of you"),
    "ahead_one": ("前面还有 1 人", "1 person ahead of you"),
    "ahead_none": ("您是下一位，请留意叫号", "You are next: watch for your number"),
    "wait": ("预计等待 {m} 分钟", "Expected wait: {m} min"),
    "no_window": ("现在没有开放的窗口办理此业务，请留意叫号屏或询问工作人员",
                  "No window serves this right now: watch the screens or ask the staff"),
    "print_failed": ("号票打印失败，号码仍然有效", "The ticket did not print; your number is still valid"),
    "reprint": ("重新打印", "Print again"),
    "done": ("完成", "Done"),
    "retry": ("重试", "Try again"),
    "ok": ("好的", "OK"),
    "hello": ("您好，{name}", "Hello, {name}"),
    "priority": ("优先", "Priority"),
}

ERRORS: dict[str, tuple[str, str]] = {
    "appointment_invalid": ("预约码无效或不在预约时段内，请到咨询台咨询",
                            "This appointment code is not valid now. Please ask at the information desk"),
    "appointment_used": ("该预约码已使用过", "This appointment code has already been used"),
    "limit_reached": ("您今天办理该事项的取号次数已达上限", "You already hold today's tickets for this matter"),
    "tickets_closed": ("该事项今日已停止取号，请改日再来", "Tickets for this are over for today; please come another day"),
    "unknown_matter": ("该事项暂不可办理，请重新选择", "This matter is not available; please choose again"),
    "reprint_paper_out": ("打印机缺纸，暂时不能重新打印，请记下您的号码",
                          "Out of paper: it cannot print again now. Please note your number"),
    "reprint_offline": ("打印机故障，暂时不能重新打印，请记下您的号码",
                        "Printer not working: it cannot print again now. Please note your number"),
    "unavailable": ("系统繁忙，请重试", "The system is busy. Please try again"),
    "card_expired": ("身份证已过期，请到窗口办理", "This ID card has expired. Please go to a service window"),
    "card_invalid": ("无法识别该身份证，请到窗口办理", "This ID card cannot be read here. Please go to a service window"),
    "card_read_failed": ("读卡失败，请将身份证重新放到读卡区", "The card could not be read. Please put it back on the reader"),
    "other": ("取号失败，请到咨询台咨询", "Could not take a number. Please ask at the information desk"),
}

OUT_OF_SERVICE: dict[str, tuple[str, str]] = {
    "connecting": ("正在连接，请稍候", "Connecting, please wait"),
    "no_broker": ("暂停服务：网络中断", "Out of service: no network"),
    "server_offline": ("暂停服务：取号系统离线", "Out of service: the queue system is offline"),
    "printer_paper_out": ("暂停服务：打印机缺纸", "Out of service: the printer is out of paper"),
    "printer_offline": ("暂停服务：打印机故障", "Out of service: the printer is not working"),
}
SUFFIX = ("请到咨询台取号", "Please ask at the information desk")


def t(key: str, lang: str, **kw: object) -> str:
    zh, en = T[key]
    return (en if lang == "en" else zh).format(**kw)


def both(key: str, **kw: object) -> tuple[str, str]:
    zh, en = T[key]
    return zh.format(**kw), en.format(**kw)


def error_text(code: str | None) -> tuple[str, str]:
    return ERRORS.get(code or "other", ERRORS["other"])


def out_of_service_text(reason: str | None) -> tuple[str, str]:
    if reason is None:
        return "", ""
    return OUT_OF_SERVICE.get(reason, OUT_OF_SERVICE["printer_offline"])


def priority_text(priority: str, lang: str) -> str:
    return t(f"prio_{priority}", lang) if f"prio_{priority}" in T else priority


def ahead_text(n: int, lang: str) -> str:
    """"1 person", not "1 people"; with nobody ahead, say the citizen is next (the wait is
    then the time a window takes to free up, which the kiosk cannot know)."""
    return t("ahead_none" if n <= 0 else "ahead_one" if n == 1 else "ahead", lang, n=n)


def materials_text(materials: tuple[Name, ...], lang: str) -> str:
    """The visit's checklist on the ticket screen: Chinese, or English when the citizen chose it."""
    head = "请备齐：" if lang == "zh" else "Please have ready: "
    sep = "、" if lang == "zh" else "; "
    return head + sep.join(m.zh if lang == "zh" else m.en for m in materials)


def wait_minutes(est_wait_s: int) -> int:
    return max(1, round(est_wait_s / 60)) if est_wait_s > 0 else 0
