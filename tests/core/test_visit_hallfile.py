"""The hall file's visit parts: materials, pickup, packages, [visits]; each problem by line."""

from __future__ import annotations

from importlib import resources

import pytest

from hallcore.hallfile import HallFileError, parse_hall

DEMO = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")


def problems(extra: str) -> list[str]:
    with pytest.raises(HallFileError) as e:
        parse_hall(DEMO + extra, "h.toml")
    return e.value.problems


def test_bad_packages_are_named_with_their_line():
    n = DEMO.count("\n") + 1
    p = problems('\n[[packages]]\ncode = "x"\nname_zh = "甲"\nname_en = "X"\nmatters = ["hukou-transfer", "nope"]\n'
                 '\n[[packages]]\ncode = "y"\nname_zh = "乙"\nname_en = "Y"\nmatters = ["hukou-transfer"]\n')
    assert any(f"h.toml:{n + 5}: packages[5].matters: unknown matter 'nope'" in x for x in p), p
    assert any("packages[6].matters: a package bundles 2 to 5" in x for x in p), p


def test_bad_visits_table():
    text = DEMO.replace("window_days = 30", "window_days = 0").replace('bo-04 = "市场监督管理局"',
                                                                       'bo-04 = "市场监督管理局"\nkiosk-01 = "x"')
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "h.toml")
    assert any("window_days: must be 1 to 366" in x for x in e.value.problems)
    assert any("'kiosk-01' is not a back-office device" in x for x in e.value.problems)


def test_bad_materials():
    text = DEMO.replace('    {zh = "医院出具的分娩记录", en = "Hospital delivery record"},',
                        '    {zh = "医院出具的分娩记录"},\n    "text",')
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "h.toml")
    assert any("materials: item 1: en must be a non-empty string" in x for x in e.value.problems), e.value.problems
    assert any("materials: item 2: must be a table" in x for x in e.value.problems)
