"""The evaluator's words, zh and en, as pure functions of its view."""

from __future__ import annotations

from evaluator.model import EvalView, Phase

MESSAGES = {
    "thanks": "感谢您的评价！\nThank you for your rating!",
    "already": "本次服务已评价，谢谢！\nThis visit was already rated. Thank you!",
    "failed": "评价未能提交，请联系工作人员\nYour rating could not be recorded; please tell our staff",
}
SENDING = "正在提交…\nSending…"


def label(view: EvalView) -> str:
    return f"{view.window.label_zh}  {view.window.label_en}"


def serving(view: EvalView) -> str:
    if view.window.status != "open":
        return "暂停服务 Not serving now"
    t = view.window.ticket
    return f"正在办理 Now serving: {t}" if t else "等候叫号 Waiting for the next number"


def prompt(view: EvalView) -> str:
    return f"请为本次服务评价（{view.ticket}）\nHow was your visit? ({view.ticket})"


def status(view: EvalView) -> str:
    return "" if view.online else "网络中断 Offline"


def after(view: EvalView) -> str:
    if view.phase == Phase.SENDING:
        return SENDING
    return MESSAGES.get(view.message or "thanks", MESSAGES["thanks"])
