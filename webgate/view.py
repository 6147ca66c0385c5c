"""What a page shows, from the bus's shapes: one function for the first paint and every push.

The expected wait is an honest range, not one number: the server's estimate is a mean, and a
queue is spiky, so the page says from 70% to 150% of it, rounded out to whole 5 minutes.
"""

from __future__ import annotations

import math
from typing import Any

from webgate.texts import TEXTS, t

EXACT = 20  # the server tells places exactly up to here (queue_server/ticket_events.py)
QUEUED = ("waiting", "transferred")


def wait_range(est_s: float) -> tuple[int, int]:
    lo = max(0, math.floor(est_s * 0.7 / 300) * 5)
    hi = max(5, math.ceil(est_s * 1.5 / 300) * 5)
    return lo, hi


def _name(state: dict[str, Any], kind: str, code: str | None, lang: str) -> str:
    key = "matters" if kind == "matter" else "groups"
    for item in state.get("catalog", {}).get(key, []):
        if isinstance(item, dict) and item.get("code") == code:
            name = item.get("name") or {}
            return str(name.get(lang) or name.get("zh") or code)
    return code or ""


def window_label(state: dict[str, Any], window: str | None, lang: str) -> str:
    for w in state.get("windows", {}).get("windows", []):
        if isinstance(w, dict) and w.get("id") == window:
            label = w.get("label") or {}
            return str(label.get(lang) or label.get("zh") or window)
    return window or ""


def ticket_view(result: dict[str, Any], state: dict[str, Any], lang: str) -> dict[str, Any]:
    """The page's words for one `{ticket, ahead, est_wait_s}`: what the template and the push share."""
    tk = result.get("ticket") or {}
    status = str(tk.get("status") or "")
    ahead, est = int(result.get("ahead") or 0), result.get("est_wait_s")
    called = status == "called"
    win = window_label(state, tk.get("window"), lang) if status in ("called", "serving") else ""
    ahead_text = wait_text = ""
    if status in QUEUED:
        if ahead == 0:
            ahead_text = t("next", lang)
        elif ahead > EXACT:
            ahead_text = t("ahead_many", lang, n=ahead)
        else:
            ahead_text = t("ahead", lang, n=ahead)
        if est is None:
            wait_text = t("no_window", lang)
        elif est < 120:
            wait_text = t("wait_short", lang)
        else:
            lo, hi = wait_range(float(est))
            wait_text = t("wait", lang, lo=lo, hi=hi)
    remote_text = ""
    if tk.get("remote") and status in QUEUED:
        remote_text = t("remote_passed" if tk.get("passed_over") else
                        "remote_ok" if tk.get("checked_in") else "remote_check_in", lang)
        if tk.get("passed_over"):
            ahead_text = wait_text = ""
    return {
        "remote_text": remote_text,
        "number": str(tk.get("number") or ""),
        "matter": _name(state, "matter", tk.get("matter"), lang),
        "status": status,
        "status_text": t(f"st_{status}", lang) if f"st_{status}" in TEXTS else status,
        "ahead_text": ahead_text,
        "wait_text": wait_text,
        "called": called,
        "window_text": win,
        "short": t("called_short", lang, window=win) if called else ahead_text,
        "recalls": int(tk.get("recalls") or 0),
        "ended": status in ("done", "no_show", "cancelled"),
    }


def hall_view(state: dict[str, Any], lang: str) -> dict[str, Any]:
    rows = []
    for g in state.get("queues", {}).get("groups", []):
        if not isinstance(g, dict):
            continue
        waiting, est, open_ = int(g.get("waiting") or 0), g.get("est_wait_s"), int(g.get("windows_open") or 0)
        status = g.get("status") or "open"
        if status == "open" and not open_:  # nobody waits, but no window is open either: say so
            status = "no_window"
        expected = t("none", lang)
        if status == "open" and est is not None:
            lo, hi = wait_range(float(est))
            expected = t("minutes", lang, lo=lo, hi=hi) if est >= 120 else t("wait_short", lang)
        rows.append({"group": _name(state, "group", g.get("group"), lang), "waiting": waiting,
                     "expected": expected, "status": t(f"g_{status}", lang) if status in
                     ("open", "no_window", "closed", "closed_for_today", "not_open_yet") else str(status)})
    hall = state.get("catalog", {}).get("hall", {}).get("name", {})
    return {"hall": str(hall.get(lang) or hall.get("zh") or ""), "groups": rows}
