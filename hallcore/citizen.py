"""What the hall may know of a citizen from an ID card: a masked name, a salted key and an age.

Pure functions, standard library only. The raw ID number enters here and leaves only as a
keyed hash; no error message or repr ever carries it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
LONG_TERM = "长期"  # a card valid for life has this instead of an end date


class InvalidIdNumber(ValueError):
    """Not a well-formed resident ID number; the message never repeats the number."""


@dataclass(frozen=True)
class CitizenIdentity:
    name_masked: str
    key: str  # HMAC-SHA256 of the ID number under the hall's salt, hex
    age: int


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date(id_number: str) -> date:
    validate_id_number(id_number)
    return _date(id_number[6:14])


def _date(yyyymmdd: str) -> date:
    return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))


def validate_id_number(s: str) -> None:
    """Raise InvalidIdNumber unless `s` is 18 characters with a valid birth date and check digit."""
    if len(s) != 18 or not s[:17].isdigit() or not s[:17].isascii() or s[17] not in "0123456789Xx":
        raise InvalidIdNumber("ID number must be 17 digits and a digit or X")
    try:
        born = _date(s[6:14])
    except ValueError:
        raise InvalidIdNumber("ID number holds no valid birth date") from None
    if born.year < 1880:
        raise InvalidIdNumber("ID number holds no valid birth date")
    if check_char(s[:17]) != s[17].upper():
        raise InvalidIdNumber("ID number check digit does not match")


def mask_name(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; a Latin name keeps its first letter."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return name[0] + "***"
    if len(name) == 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def citizen_key(id_number: str, salt: bytes) -> str:
    """A stable per-hall key for the citizen: HMAC-SHA256 keyed by the hall's salt."""
    if not salt:
        raise ValueError("a hall salt is required")
    return hmac.new(salt, id_number.strip().upper().encode("ascii"), hashlib.sha256).hexdigest()


def age_on(id_or_birth: str | date, today: date) -> int:
    """Whole years on `today`, from an ID number, a YYYYMMDD string or a date."""
    if isinstance(id_or_birth, date):
        born = id_or_birth
    elif len(id_or_birth) == 8:
        born = _date(id_or_birth)
    else:
        born = birth_date(id_or_birth)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def valid_on(valid_from: str, valid_to: str, today: date) -> bool:
    """Whether a card's validity period (YYYYMMDD, or 长期 for the end) covers `today`."""
    try:
        start = _date(valid_from.strip())
        end = None if valid_to.strip() == LONG_TERM else _date(valid_to.strip())
    except ValueError:
        return False
    return start <= today and (end is None or today <= end)


def identity_of(name: str, id_number: str, salt: bytes, today: date) -> CitizenIdentity:
    """The only citizen data the kiosk receives."""
    validate_id_number(id_number)
    return CitizenIdentity(mask_name(name), citizen_key(id_number, salt), age_on(id_number, today))
