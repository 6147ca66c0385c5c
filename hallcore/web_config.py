"""What the hall file says about the citizen's phone: public URL, the web keys, rating period.

Kept apart from HallConfig's own fields so the phone side is one frozen value.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hallcore.config import HallConfig


@dataclass(frozen=True, slots=True)
class RemoteRule:
    """A group that may be queued for from a phone: when, how many a day, how many waiting at once."""

    group: str
    start: str = "00:00"
    end: str = "24:00"
    daily_cap: int = 0  # 0: no cap
    max_waiting: int = 0  # 0: no limit


@dataclass(frozen=True, slots=True)
class WebConfig:
    public_url: str = ""  # e.g. https://queue.example.gov.cn; empty: tickets carry no url
    ref_key: bytes = field(default=b"", repr=False)  # HMAC key of ticket refs
    seal_key: bytes = field(default=b"", repr=False)  # AES-GCM key sealing phone numbers for the server
    sms_url: str = ""  # the SMS gateway's HTTP JSON API; empty: no messages are sent
    sms_key: str = field(default="", repr=False)
    rating_days: int = 7  # a visit may be rated from the phone this long after
    remote: tuple[RemoteRule, ...] = ()  # groups that take remote tickets
    forfeit_min: int = 30  # a remote ticket passed over for not checking in is cancelled after this
    phone_salt: bytes = field(default=b"", repr=False)  # keys phone numbers (one remote ticket per phone)

    def url_of(self, ref: str) -> str | None:
        return f"{self.public_url.rstrip('/')}/t/{ref}" if self.public_url and ref else None


def derived_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose from a hall secret, where the hall file names no key of its own."""
    return hmac.new(secret, f"hallq {purpose}".encode(), hashlib.sha256).digest() if secret else b""


def with_public_url(config: HallConfig, url: str | None) -> HallConfig:
    """The hall with a public URL given on the command line (it wins over the hall file's)."""
    if not url:
        return config
    return replace(config, web=replace(config.web, public_url=url.rstrip("/")))
