"""Mosquitto 2.0 password file: `user:$7$<iterations>$<b64 salt>$<b64 hash>`, PBKDF2-SHA512.

Byte for byte what `mosquitto_passwd` 2.0 writes (12-byte salt, 64-byte hash, 101 iterations),
so an operator can still use `mosquitto_passwd` on the same file and the broker reads ours.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

ITERATIONS = 101  # mosquitto_passwd's default; the file is 0600, the passwords are 128-bit random
SALT_LEN = 12
HASH_LEN = 64


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt if salt is not None else secrets.token_bytes(SALT_LEN)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations, HASH_LEN)
    return f"$7${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify(hashed: str, password: str) -> bool:
    """True when `password` matches a `$7$` (PBKDF2-SHA512) or `$6$` (salted SHA-512) entry."""
    parts = hashed.split("$")
    try:
        if len(parts) == 5 and parts[1] == "7":
            iterations, salt, want = int(parts[2]), base64.b64decode(parts[3]), base64.b64decode(parts[4])
            got = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations, len(want))
        elif len(parts) == 4 and parts[1] == "6":  # mosquitto 1.x files
            salt, want = base64.b64decode(parts[2]), base64.b64decode(parts[3])
            got = hashlib.sha512(password.encode("utf-8") + salt).digest()
        else:
            return False
    except ValueError:
        return False
    return hmac.compare_digest(got, want)


def new_password() -> str:
    return secrets.token_urlsafe(24)  # 192 bits, no ':' or whitespace to trip the file format


def parse(text: str) -> dict[str, str]:
    """user -> hash, in file order; blank lines and comments are dropped (mosquitto skips them too)."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        user, hashed = line.split(":", 1)
        entries[user] = hashed
    return entries


def render(entries: dict[str, str]) -> str:
    return "".join(f"{user}:{hashed}\n" for user, hashed in entries.items())
