"""Ticket refs: what a slip's QR and a phone page carry instead of a guessable number.

A ref is `<ticket id>.<mac>`: the id says which ticket (and which day, for a rating days later),
the mac is 80 bits of HMAC-SHA256 under the hall's ref key, in lowercase base32. Without the key
no one can make the ref of the next ticket. Checking always computes the mac and compares in
constant time, so a wrong id and a wrong mac cost the same and answer the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

MAC_BYTES = 10  # 80 bits: at least 64 bits of HMAC, as the contract asks
MAC_CHARS = 16  # base32 of 10 bytes, no padding
REF = re.compile(r"^(\d{8}-[A-Z]\d{3,6})\.([a-z2-7]{16})$")
MAX_REF = 40


def _mac(key: bytes, hall: str, ticket_id: str) -> str:
    digest = hmac.new(key, f"{hall}\x00{ticket_id}".encode(), hashlib.sha256).digest()[:MAC_BYTES]
    return base64.b32encode(digest).decode("ascii").lower()


def make_ref(key: bytes, hall: str, ticket_id: str) -> str:
    if not key:
        raise ValueError("a hall ref key is required")
    return f"{ticket_id}.{_mac(key, hall, ticket_id)}"


def check_ref(key: bytes, hall: str, ref: object) -> str | None:
    """The ticket id of a genuine ref, or None: the same work and answer for every wrong ref."""
    text = ref if isinstance(ref, str) and len(ref) <= MAX_REF else ""
    m = REF.match(text)
    ticket_id, given = (m.group(1), m.group(2)) if m else ("00000000-Z000", "a" * MAC_CHARS)
    expected = _mac(key or b"\x00", hall, ticket_id)
    ok = hmac.compare_digest(expected, given)
    return ticket_id if ok and m is not None and key else None
