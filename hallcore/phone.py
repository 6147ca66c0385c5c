"""A citizen's phone number: checked, masked for any display, sealed for the server.

Sealed = AES-256-GCM under the hall's seal key with the ticket id as associated data, so a
sealed number opens only for the ticket it was given for. The clear number exists only in the
gateway's request handling and in the server's memory at the moment of sending.
"""

from __future__ import annotations

import base64
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MOBILE = re.compile(r"^1[3-9]\d{9}$")  # a mainland mobile number, 11 digits
PREFIX = "PS1."


class BadPhone(ValueError):
    """Not a mobile number, or a seal that does not open; the message never repeats the number."""


def normalize(raw: str) -> str:
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MOBILE.match(digits):
        raise BadPhone("a mobile number is 11 digits starting with 1")
    return digits


def mask(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"


def seal(key: bytes, ticket_id: str, phone: str) -> str:
    nonce = os.urandom(12)
    box = AESGCM(key).encrypt(nonce, phone.encode("ascii"), ticket_id.encode("ascii"))
    return PREFIX + base64.urlsafe_b64encode(nonce + box).decode("ascii").rstrip("=")


def unseal(key: bytes, ticket_id: str, sealed: str) -> str:
    if not isinstance(sealed, str) or not sealed.startswith(PREFIX) or len(sealed) > 200:
        raise BadPhone("not a sealed phone number")
    try:
        raw = base64.urlsafe_b64decode(sealed[len(PREFIX):] + "=" * (-len(sealed) % 4))
        phone = AESGCM(key).decrypt(raw[:12], raw[12:], ticket_id.encode("ascii")).decode("ascii")
    except (ValueError, InvalidTag, UnicodeDecodeError):
        raise BadPhone("the sealed phone number does not open for this ticket") from None
    return normalize(phone)
