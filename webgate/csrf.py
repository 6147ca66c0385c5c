"""CSRF tokens without a session: an HMAC of the ref and the hour the form was drawn.

Another site cannot read our page (same-origin policy), so it cannot know the token of a ref;
any gateway process of the hall can check it (the key comes from the hall's secrets), so the
gateway stays stateless. A token lasts two hours.
"""

from __future__ import annotations

import hashlib
import hmac

PERIOD_S = 3600
LIFE = 2  # periods


def _sig(key: bytes, ref: str, period: int) -> str:
    return hmac.new(key, f"csrf\x00{ref}\x00{period}".encode(), hashlib.sha256).hexdigest()[:32]


def token(key: bytes, ref: str, now: float) -> str:
    period = int(now // PERIOD_S)
    return f"{period}.{_sig(key, ref, period)}"


def valid(key: bytes, ref: str, given: str | None, now: float) -> bool:
    period_text, _, sig = (given or "").partition(".")
    if not period_text.isdigit() or len(period_text) > 12:
        return False
    period = int(period_text)
    if not 0 <= int(now // PERIOD_S) - period < LIFE:
        return False
    return hmac.compare_digest(_sig(key, ref, period), sig)
