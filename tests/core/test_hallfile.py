"""The hall file: the demo loads; a bad file names every problem with its line and field."""

from __future__ import annotations

from importlib import resources

import pytest

from hallcore.hallfile import HallFileError, load_hall, parse_hall

DEMO = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")


def test_demo_hall_is_a_real_sized_hall():
    c = load_hall("demo")
    assert c.id == "demo" and len(c.windows) == 12 and len(c.matters) >= 40 and len(c.groups) >= 4
    assert c.role_of("kiosk-20") == "kiosk" and c.role_of("win-05") == "window"
    assert c.role_of("eval-05") == "evaluator" and c.window_of_evaluator("eval-05") == "win-05"
    assert c.role_of("display-main") == "display" and c.role_of("mgr-01") == "manager"
    assert all(m.name.zh and m.name.en for m in c.matters)


def problems(text: str) -> list[str]:
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "hall.toml")
    return e.value.problems


def line_of(text: str, needle: str, nth: int = 0) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth]


def test_every_problem_is_reported_with_line_and_field():
    bad = DEMO.replace('letter = "C"', 'letter = "B"').replace('groups = ["real_estate"]', 'groups = ["nope"]')
    bad = bad.replace('service_min = 20', 'service_min = "twenty"')
    found = problems(bad)
    letter_line, window_line = line_of(bad, 'letter = "B"', 1), line_of(bad, 'groups = ["nope"]')
    assert f"hall.toml:{letter_line}: groups[2].letter: 'B' is already used by another group" in found
    assert f"hall.toml:{window_line}: windows[7].groups: unknown group 'nope'" in found
    svc_line = line_of(bad, "twenty")
    assert any(p.startswith(f"hall.toml:{svc_line}: groups[3].service_min: must be float") for p in found)


def test_syntax_error_and_missing_fields():
    assert "line" in problems("[hall\nid = 1")[0]
    found = problems('[hall]\nname_zh = "x"\n')
    assert any("hall.id: is required" in p for p in found)
    assert any("groups: a hall needs at least one" in p for p in found)


def test_a_matter_in_an_unknown_group():
    bad = DEMO.replace('group = "pickup"', 'group = "pick-up"', 1)
    assert any("matters[" in p and "unknown group 'pick-up'" in p for p in problems(bad))
