"""The citizen's data by the rules: the key is HMAC-SHA256 of the ID number under the hall's salt
(so two ID numbers give two keys, the per-citizen limits depend on it); GB 11643-1999 numbers."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest

from hallcore.citizen import (
    InvalidIdNumber,
    age_on,
    birth_date,
    check_char,
    citizen_key,
    identity_of,
    mask_name,
    valid_on,
    validate_id_number,
)

EXAMPLE = "11010519491231002X"  # the standard's worked example
OTHER = "440524188001010014"    # born 1 January 1880, check digit 4 by the standard's weights


def test_two_id_numbers_give_two_keys():
    salt = b"hall-salt"
    a, b = citizen_key(EXAMPLE, salt), citizen_key(OTHER, salt)
    assert a != b
    assert a == hmac.new(salt, EXAMPLE.encode(), hashlib.sha256).hexdigest()
    assert b == hmac.new(salt, OTHER.encode(), hashlib.sha256).hexdigest()
    assert citizen_key(f"  {EXAMPLE.lower()} ", salt) == a  # read from a card or typed, the same citizen
    with pytest.raises(ValueError, match="^a hall salt is required$"):
        citizen_key(EXAMPLE, b"")


def test_the_identity_carries_the_key_of_that_number():
    ident = identity_of("欧阳小明", OTHER, b"s", date(2026, 12, 1))
    assert ident.key == hmac.new(b"s", OTHER.encode(), hashlib.sha256).hexdigest()
    assert ident.name_masked == "欧**明" and ident.age == 146
    with pytest.raises(InvalidIdNumber):
        identity_of("张三", EXAMPLE[:-1] + "1", b"s", date(2026, 12, 1))


def test_check_characters_by_the_standard():
    assert check_char(EXAMPLE[:17]) == "X"
    assert check_char(OTHER[:17]) == "4"
    assert check_char("11010519491231001") == "1"  # weighted sum 165, 165 mod 11 = 0
    validate_id_number(OTHER)
    with pytest.raises(ValueError):
        check_char("1101051949")  # the check character is over exactly 17 digits


def test_the_earliest_birth_year_and_dates():
    validate_id_number(OTHER)  # 1880 is accepted
    first17 = "44052418791231001"
    with pytest.raises(InvalidIdNumber, match="^ID number holds no valid birth date$"):
        validate_id_number(first17 + check_char(first17))  # 1879 is not
    bad_day = "11010519490230001"
    with pytest.raises(InvalidIdNumber, match="^ID number holds no valid birth date$"):
        validate_id_number(bad_day + check_char(bad_day))
    with pytest.raises(InvalidIdNumber, match="^ID number check digit does not match$"):
        validate_id_number(EXAMPLE[:-1] + "0")
    assert birth_date(EXAMPLE) == date(1949, 12, 31) and birth_date(OTHER) == date(1880, 1, 1)
    with pytest.raises(InvalidIdNumber):
        birth_date("123")


@pytest.mark.parametrize("bad", [EXAMPLE + "1", EXAMPLE[:-1], "1101051949123100 X", "11010519491231002Y",
                                 "1101051949123100２X", "x1010519491231002X"])
def test_the_shape_is_17_ascii_digits_and_a_digit_or_x(bad):
    with pytest.raises(InvalidIdNumber, match="^ID number must be 17 digits and a digit or X$"):
        validate_id_number(bad)


def test_masking_keeps_first_and_last_character_only():
    assert mask_name("张小三") == "张*三" and mask_name("司马相如") == "司**如"
    assert mask_name("   ") == "" and mask_name(" Li ") == "L***" and mask_name("Ann Lee") == "A***"
    assert mask_name("王") == "*" and mask_name("王五") == "王*"


def test_age_in_whole_years_from_any_form():
    assert age_on("19491231", date(2024, 12, 30)) == 74
    assert age_on("19491231", date(2024, 12, 31)) == 75
    assert age_on(date(1949, 12, 31), date(2025, 1, 1)) == 75
    assert age_on(OTHER, date(1881, 1, 1)) == 1 and age_on(OTHER, date(1880, 12, 31)) == 0
    assert age_on(date(2000, 6, 15), date(2010, 5, 20)) == 9 and age_on(date(2000, 6, 15), date(2010, 6, 14)) == 9
    assert age_on(date(2000, 6, 15), date(2010, 7, 1)) == 10


def test_a_validity_period_covers_its_first_and_last_day():
    assert valid_on("20240501", "20340501", date(2024, 5, 1))
    assert valid_on("20240501", "20340501", date(2034, 5, 1))
    assert not valid_on("20240501", "20340501", date(2034, 5, 2))
    assert not valid_on("20240501", "20340501", date(2024, 4, 30))
    assert valid_on(" 20240501 ", " 长期 ", date(2099, 1, 1))
    assert not valid_on("20240501", "20341332", date(2025, 1, 1))
