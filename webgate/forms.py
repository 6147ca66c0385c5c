"""The two forms of a ticket page: 'tell me when' (a phone number, N ahead) and the rating.

Each POST is urlencoded (parsed here: no multipart library needed for two small forms), carries
a CSRF token, and is checked field by field; a refused form is drawn again with an error summary
at the top linking to each field and the message beside it (GOV.UK's pattern).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from evaluator.levels import BAD_MAX, REASON_CODES
from hallcore.phone import BadPhone, normalize

FORM_TEXTS: dict[str, tuple[str, str]] = {
    "alert_title": ("短信提醒", "Tell me when"),
    "alert_intro": ("留下手机号，快轮到您时和叫号时各发一条短信。号码加密保存，只用于本号，办结后删除。",
                    "Leave a mobile number: one text when your turn is near and one when you are called. "
                    "It is kept encrypted, used for this ticket only and erased when it ends."),
    "phone": ("手机号码", "Mobile number"),
    "at_ahead": ("前面还剩几人时提醒", "Text me when this many are ahead"),
    "alert_send": ("设置提醒", "Set the reminder"),
    "alert_ok": ("已设置：前面还有 {n} 人时和叫号时各发一条短信。", "Done: one text at {n} ahead and one when called."),
    "err_title": ("请修改以下问题", "There is a problem"),
    "err_phone": ("请输入 11 位手机号码，例如 13800138000", "Enter an 11-digit mobile number, like 13800138000"),
    "err_at_ahead": ("请选择 1 到 10 人", "Choose from 1 to 10"),
    "err_csrf": ("页面已过期，请重新提交", "The page has expired: please submit again"),
    "err_state": ("此号已不在等候中，无法设置提醒", "This ticket is no longer waiting: no reminder can be set"),
    "err_phone_limit": ("此号码的提醒次数过多，请稍后再试", "Too many reminders for this number: try later"),
    "rate_title": ("评价本次服务", "Rate this visit"),
    "score": ("您对本次服务是否满意", "How satisfied were you"),
    "reasons": ("如不满意，原因是（可多选）", "If dissatisfied, why (choose any)"),
    "rate_send": ("提交评价", "Send the rating"),
    "rate_ok": ("感谢您的评价。", "Thank you for your rating."),
    "err_score": ("请选择一个满意程度", "Choose how satisfied you were"),
    "err_reasons": ("请选择至少一个原因", "Choose at least one reason"),
    "err_rated": ("本次服务已评价过", "This visit was already rated"),
    "err_rating_closed": ("已超过评价期限", "The rating period has ended"),
    "err_not_served": ("办理后才能评价", "You can rate once you have been served"),
    "err_busy": ("服务暂时繁忙，请稍后再试", "The service is busy: please try again shortly"),
}


def ft(key: str, lang: str, **kw: object) -> str:
    zh, en = FORM_TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**kw) if kw else text


@dataclass
class Form:
    values: dict[str, list[str]]
    errors: dict[str, str] = field(default_factory=dict)  # field -> text key

    def one(self, name: str) -> str:
        v = self.values.get(name) or [""]
        return v[0][:64]


def parse(body: bytes) -> Form:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Form({}, {"form": "err_csrf"})
    return Form(parse_qs(text, keep_blank_values=True, max_num_fields=20))


def check_alert(form: Form) -> tuple[str, int] | None:
    """(phone, at_ahead) when valid, else None with `form.errors` filled."""
    phone = ""
    try:
        phone = normalize(form.one("phone"))
    except BadPhone:
        form.errors["phone"] = "err_phone"
    raw = form.one("at_ahead")
    n = int(raw) if raw.isdigit() and len(raw) <= 2 else 0
    if not 1 <= n <= 10:
        form.errors["at_ahead"] = "err_at_ahead"
    return None if form.errors else (phone, n)


def check_rating(form: Form) -> tuple[int, list[str]] | None:
    raw = form.one("score")
    score = int(raw) if raw in ("1", "2", "3", "4", "5") else 0
    if not score:
        form.errors["score"] = "err_score"
    reasons = [r for r in REASON_CODES if r in (form.values.get("reasons") or [])]
    if score and score <= BAD_MAX and not reasons:
        form.errors["reasons"] = "err_reasons"
    return None if form.errors else (score, reasons)
