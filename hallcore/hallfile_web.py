"""The hall file's `[web]` table (docs/hall-file.md): the citizen's phone side.

    [web]
    public_url = "https://queue.example.gov.cn"
    ref_key_file = "ref.key"        # or ref_key = "<hex>"; default: derived from the hall's secrets
    seal_key_file = "seal.key"      # AES-256-GCM key for phone numbers; default: derived likewise
    sms_url = "https://sms.example/api/send"
    sms_key_file = "sms.key"        # the gateway's API key (text)
    rating_days = 7
    forfeit_min = 30                # a remote ticket passed over and not checked in: cancelled after
    remote = [{group = "comprehensive", start = "08:30", end = "16:30", daily_cap = 50, max_waiting = 10}]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hallcore.web_config import RemoteRule, WebConfig, derived_key

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")

Fail = Callable[[str, str], None]  # (key, message)


def _read(web: dict[str, Any], key: str, base: Path | None, fail: Fail) -> str | None:
    if f"{key}_file" in web and base is not None:
        path = base / str(web[f"{key}_file"])
        try:
            return path.read_text("utf-8").strip()
        except OSError as exc:
            fail(f"{key}_file", f"cannot read {path}: {exc.strerror}")
            return None
    value = web.get(key)
    if value is not None and not isinstance(value, str):
        fail(key, f"must be str, not {type(value).__name__}")
        return None
    return value


def _hex(web: dict[str, Any], key: str, base: Path | None, fail: Fail) -> bytes:
    text = _read(web, key, base, fail)
    try:
        return bytes.fromhex(text or "")
    except ValueError:
        fail(key, "must be hexadecimal")
        return b""


def parse_web(web: Any, base: Path | None, secret: bytes, fail: Fail) -> WebConfig:
    """`secret` (the appointment key or citizen salt) seeds the keys the file does not name."""
    if not isinstance(web, dict):
        fail("", "[web] must be a table")
        return WebConfig()
    url = web.get("public_url", "")
    if not isinstance(url, str) or url and not url.startswith(("http://", "https://")):
        fail("public_url", "must be an http:// or https:// URL")
        url = ""
    days = web.get("rating_days", 7)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 90:
        fail("rating_days", "must be a whole number of days from 0 to 90")
        days = 7
    ref_key = _hex(web, "ref_key", base, fail) or derived_key(secret, "ticket ref")
    seal_key = _hex(web, "seal_key", base, fail) or derived_key(secret, "phone seal")
    if seal_key and len(seal_key) not in (16, 24, 32):
        fail("seal_key", "must be 16, 24 or 32 bytes (AES)")
    rules = []
    for i, item in enumerate(web.get("remote", []) if isinstance(web.get("remote", []), list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("group"), str):
            fail("remote", f"entry {i} needs a group")
            continue
        start, end = str(item.get("start", "00:00")), str(item.get("end", "24:00"))
        if not HHMM.match(start) or not HHMM.match(end) or start >= end:
            fail("remote", f"entry {i}: start and end are HH:MM, start before end")
        cap, most = item.get("daily_cap", 0), item.get("max_waiting", 0)
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (cap, most)):
            fail("remote", f"entry {i}: daily_cap and max_waiting are whole numbers (0: no limit)")
            cap, most = 0, 0
        rules.append(RemoteRule(item["group"], start, end, cap, most))
    forfeit = web.get("forfeit_min", 30)
    if not isinstance(forfeit, int) or isinstance(forfeit, bool) or forfeit < 1:
        fail("forfeit_min", "must be a whole number of minutes, at least 1")
        forfeit = 30
    return WebConfig(remote=tuple(rules), forfeit_min=forfeit, phone_salt=derived_key(secret, "phone key"),
                     public_url=url.rstrip("/"), ref_key=ref_key, seal_key=seal_key,
                     sms_url=str(web.get("sms_url") or ""), sms_key=_read(web, "sms_key", base, fail) or "",
                     rating_days=days)
