"""The pure citizen functions: ID number check digit, masking, keyed hash, age, validity."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallcore.citizen import (
    InvalidIdNumber,
    age_on,
    check_char,
    citizen_key,
    identity_of,
    mask_name,
    valid_on,
    validate_id_number,
)

# The standard's own worked example (GB 11643-1999, appendix).
EXAMPLE = "11010519491231002X"


def synthetic(birth: date, seq: int = 123) -> str:
    first17 = f"110105{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def test_the_standard_example_is_valid() -> None:
    validate_id_number(EXAMPLE)
    validate_id_number(EXAMPLE.lower())


@pytest.mark.parametrize("bad", ["", "123", "110105194912310021", "11010519491331002X", "1101051949123100AX",
                                 "１１０１０５１９４９１２３１００２X", "11010518000101002X"])
def test_malformed_numbers_are_refused_without_echoing_them(bad: str) -> None:
    with pytest.raises(InvalidIdNumber) as err:
        validate_id_number(bad)
    assert bad[:6] not in str(err.value) or not bad


@given(st.dates(date(1900, 1, 1), date(2024, 12, 31)), st.integers(0, 999), st.integers(0, 16))
def test_every_synthetic_number_is_valid_and_any_changed_digit_is_not(born: date, seq: int, pos: int) -> None:
    n = synthetic(born, seq)
    validate_id_number(n)
    changed = n[:pos] + str((int(n[pos]) + 1) % 10) + n[pos + 1:]
    with pytest.raises(InvalidIdNumber):
        validate_id_number(changed)


@pytest.mark.parametrize("name, masked", [("张三", "张*"), ("张小三", "张*三"), ("欧阳小明", "欧**明"),
                                          ("John Smith", "J***"), ("王", "*"), ("  李四 ", "李*"), ("", "")])
def test_names_are_masked(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_the_key_depends_on_the_hall_salt_and_hides_the_number() -> None:
    a, b = citizen_key(EXAMPLE, b"hall-a"), citizen_key(EXAMPLE, b"hall-b")
    assert a != b and len(a) == 64 and EXAMPLE not in a
    assert citizen_key(EXAMPLE.lower(), b"hall-a") == a
    with pytest.raises(ValueError):
        citizen_key(EXAMPLE, b"")


def test_age_counts_whole_years() -> None:
    assert age_on(EXAMPLE, date(2024, 12, 30)) == 74
    assert age_on(EXAMPLE, date(2024, 12, 31)) == 75
    assert age_on("20000229", date(2001, 2, 28)) == 0
    assert age_on(date(2000, 2, 29), date(2001, 3, 1)) == 1


def test_validity_period() -> None:
    today = date(2024, 5, 1)
    assert valid_on("20140501", "20240501", today)
    assert not valid_on("20040501", "20240430", today)
    assert valid_on("20040501", "长期", today)
    assert not valid_on("20250101", "长期", today)
    assert not valid_on("garbage", "20300101", today)


def test_identity_holds_only_masked_name_key_and_age() -> None:
    ident = identity_of("张小三", EXAMPLE, b"salt", date(2024, 5, 1))
    assert (ident.name_masked, ident.age) == ("张*三", 74)
    assert EXAMPLE not in repr(ident) and "小" not in repr(ident)
