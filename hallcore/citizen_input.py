"""What the server accepts of a citizen from a kiosk, and the ID-number search on any text it receives.

The kiosk turns an ID card into a masked name and a keyed hash (hallcore.citizen); these rules
make sure that is all that reaches the store, whatever a buggy or hostile client sends:

- an ID number is found in text in any spacing: full-width or other-script digits count as
  digits, and anything that is neither a letter nor a digit (spaces, dashes, dots, newlines,
  zero-width marks) is ignored; then any 18 characters in a row that are 17 digits and a digit or
  X, with a real birth date and the right check digit, are an ID number, whatever pads or wraps
  them. First-generation 15-digit numbers (void since 2013, no check digit) are not searched
  for: too many dates and phone numbers run together look like one.
- a citizen key is exactly what `citizen_key` makes: HMAC-SHA256 in lowercase hex, 64
  characters, and holds no ID number.
- a masked name is at least one `*` with at most one letter on each side: 张*, 张*三, 欧**明, *,
  and, for a name in another script, its first letter and stars (J***) as `mask_name` makes.
  A letter is one character of any script (`str.isalpha`): no digit, space or punctuation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from hallcore.citizen import InvalidIdNumber, validate_id_number

KEY_HEX_LEN = 2 * hashlib.sha256().digest_size  # citizen_key is HMAC-SHA256, hex
KEY = re.compile(f"[0-9a-f]{{{KEY_HEX_LEN}}}")
MASKED_MAX = 32
MASKED = re.compile(r"([^*]?)\*+([^*]?)")  # then each side must be a letter (is_masked_name)
_ID_LEN = 18


# ASCII: digits kept, X and x as X, any other letter `|` (a letter ends a run), the rest dropped
_ASCII = {i: (chr(i) if chr(i).isdigit() else "X" if chr(i) in "Xx" else "|" if chr(i).isalpha() else None)
          for i in range(128)}
_RUN = re.compile(r"[0-9X]{18,}")


def _ascii_digits(text: str) -> str:
    """NFKC (full-width digits and Ｘ), then any other script's decimal digits as ASCII."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def _id_chars(text: str) -> str:
    """Digits and X, with `|` for any other letter, everything else dropped.

    `str.translate` rather than a loop over characters for ASCII text: this runs on every
    argument of every request (a loop cost a request as much as the rest of its handling).
    """
    if not text.isascii():
        text = "".join(ch if ch.isascii() else "|" if ch.isalnum() else "" for ch in _ascii_digits(text))
    return text.translate(_ASCII)


def contains_id_number(text: str) -> bool:
    """Whether `text` holds a valid 18-character resident ID number in any spacing (see above)."""
    for run in _RUN.findall(_id_chars(text)):
        for i in range(len(run) - _ID_LEN + 1):
            try:
                validate_id_number(run[i:i + _ID_LEN])
            except InvalidIdNumber:
                continue
            return True
    return False


def key_problem(key: object) -> str | None:
    """None for an acceptable citizen key, else why not (never repeating the key)."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        return f"citizen.key must be the hall's salted hash: {KEY_HEX_LEN} lowercase hex digits"
    if contains_id_number(key):
        return "citizen.key holds an ID number; send the salted hash only"
    return None


def is_masked_name(name: str) -> bool:
    if not 1 <= len(name) <= MASKED_MAX:
        return False
    m = MASKED.fullmatch(name)
    return m is not None and all(c.isalpha() for c in m.group(1) + m.group(2))


def name_problem(name: object) -> str | None:
    """None for an acceptable masked name, else why not (never repeating the name)."""
    # stars and at most two letters cannot spell an ID number; every argument is searched anyway
    if not isinstance(name, str) or not is_masked_name(name):
        return (f"citizen.name_masked must be a masked name of at most {MASKED_MAX} characters: "
                "stars with at most one letter on each side (张*三, 张*, J***)")
    return None


def find_id_number(value: object, path: str = "args", skip: frozenset[str] = frozenset()) -> str | None:
    """The path of the first string in `value` (JSON: dicts, lists) holding an ID number, or None.

    Every field a device sends is searched, not only the citizen's: a clerk's note can hold one
    too. `skip` names keys whose value is opaque and checked elsewhere (a signed appointment code).
    """
    if isinstance(value, str):
        return path if contains_id_number(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        if k in skip:
            continue
        found = find_id_number(v, f"{path}.{k}" if isinstance(k, str) else f"{path}[{k}]", skip)
        if found is not None:
            return found
    return None
