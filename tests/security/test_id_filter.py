"""Hole 2: `citizen.key` = an ID number padded with zeros passed the hex pattern, `$` took a trailing
newline, and `name_masked` took `110105 19900307 1239` and unmasked full names.

The rules (hallcore/citizen_input.py) are checked here on the pure core with hypothesis, and the
real server's answers to the same attacks in test_server_refuses.py.
"""

from __future__ import annotations

import secrets
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hallcore.citizen import citizen_key, mask_name
from hallcore.citizen_input import KEY_HEX_LEN, contains_id_number, find_id_number, key_problem, name_problem
from tests.security.id_numbers import chinese_names, hidden_id_numbers, id_numbers, latin_names


@given(hidden_id_numbers())
def test_an_id_number_is_found_in_any_spacing_padding_or_wrapping(text: str) -> None:
    assert contains_id_number(text)
    assert name_problem(text) is not None
    assert find_id_number({"note": text}) == "args.note"
    assert find_id_number({"reasons": ["slow", text]}) == "args.reasons[1]"


@given(id_numbers(), st.integers(0, KEY_HEX_LEN - 18), st.sampled_from("0f"))
def test_a_key_made_of_an_id_number_and_padding_is_refused(n: str, at: int, pad: str) -> None:
    key = (pad * at + n.lower() + pad * KEY_HEX_LEN)[:KEY_HEX_LEN]
    assert len(key) == KEY_HEX_LEN and key_problem(key) is not None


@given(id_numbers(), st.binary(min_size=1, max_size=32))
def test_a_real_key_is_accepted_and_only_at_its_exact_length(n: str, salt: bytes) -> None:
    key = citizen_key(n, salt)
    assert key_problem(key) is None
    for wrong in (key[:-1], key + "0", key + "\n", "\n" + key, key.upper(), key[:32], key + key, f" {key}"):
        assert key_problem(wrong) is not None


def test_the_issue_s_examples() -> None:
    assert key_problem("110105199003071239" + "0" * 14) is not None  # 32 hex digits once passed
    assert key_problem(secrets.token_hex(32) + "\n") is not None  # `$` took a trailing newline
    for name in ("110105 19900307 1239", "110105-19900307-1239", "张三", "欧阳小明", "John Smith", "张三\n"):
        assert name_problem(name) is not None, name
    assert key_problem(None) is not None and name_problem(42) is not None


@given(st.one_of(chinese_names, latin_names))
def test_every_name_the_kiosk_masks_is_accepted(name: str) -> None:
    assert name_problem(mask_name(name)) is None


@given(chinese_names.filter(lambda s: len(s) >= 2))
def test_an_unmasked_name_is_refused(name: str) -> None:
    assert name_problem(name) is not None


def test_masked_names_allow_one_letter_each_side_and_nothing_else() -> None:
    for ok in ("张*", "张*三", "欧**明", "*", "J***", "*三", "Ä**n"):
        assert name_problem(ok) is None, ok
    for bad in ("张三", "张**三四", "张 *", "1***", "张*\n", "张*3", "**张三", "", "张" + "*" * 40, "a*b*c", "张-*"):
        assert name_problem(bad) is not None, bad


@given(st.text(max_size=60))
def test_text_without_18_digits_never_holds_an_id(text: str) -> None:
    if sum(ch.isdecimal() for ch in unicodedata.normalize("NFKC", text)) < 17:  # NFKC: ⒛ is "20."
        assert not contains_id_number(text)
