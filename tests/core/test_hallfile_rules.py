"""The hall file by its documentation (docs/hall-file.md): every field read as documented, and a
bad file refused with every problem at once, each as `FILE:LINE: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallcore.config import Policy
from hallcore.hallfile import HallFileError, load_hall, parse_hall
from hallcore.model import Group, Matter, Name

SMALL = """\
[hall]
id = "small-hall"
name_zh = "小厅"
name_en = "Small hall"
timezone = "Europe/Berlin"
appointment_key = "0a0b"
citizen_salt = "ff00"

[policy]
priority_overtake_min = 20
tickets_per_citizen_matter_day = 3
appointment_early_min = 45
appointment_late_min = 10.5
elderly_age = 70
service_level_min = 12

[[groups]]
code = "general"
letter = "A"
name_zh = "综合"
name_en = "General"
service_min = 8

[[groups]]
code = "pickup"
letter = "E"
name_zh = "领取"
name_en = "Pickup"

[[matters]]
code = "renew"
group = "general"
name_zh = "换领"
name_en = "Renewal"
department = "公安局"
service_min = 10

[[matters]]
code = "collect"
group = "pickup"
name_zh = "领证"
name_en = "Collect"

[[windows]]
id = "win-01"
label_zh = "1号窗口"
label_en = "Window 1"
groups = ["general", "pickup"]
evaluator = "eval-01"

[[windows]]
id = "win-02"
label_zh = "2号窗口"
label_en = "Window 2"
groups = ["pickup"]

[devices]
kiosks = ["kiosk-01", "kiosk-02"]
displays = ["display-main"]
managers = ["mgr-01"]
"""


W1_GROUPS = 'groups = ["general", "pickup"]'


def problems(text: str, source: str = "hall.toml", base: Path | None = None) -> list[str]:
    with pytest.raises(HallFileError) as e:
        parse_hall(text, source, base)
    assert str(e.value) == "\n".join(e.value.problems)
    return e.value.problems


def line(text: str, needle: str, nth: int = 0) -> int:
    return [n for n, ln in enumerate(text.splitlines(), 1) if needle in ln][nth]


def test_every_field_is_read_as_documented():
    c = parse_hall(SMALL)
    assert (c.id, c.name, c.timezone) == ("small-hall", Name("小厅", "Small hall"), "Europe/Berlin")
    assert c.appointment_key == bytes.fromhex("0a0b") and c.citizen_salt == b"\xff\x00"
    assert c.policy == Policy(priority_overtake_s=1200.0, tickets_per_citizen_matter_day=3,
                              appointment_early_s=2700.0, appointment_late_s=630.0, elderly_age=70,
                              service_level_s=720.0)
    assert c.groups == (Group("general", Name("综合", "General"), "A", 480.0),
                        Group("pickup", Name("领取", "Pickup"), "E", 300.0))  # 5 minutes unless said
    assert c.matters == (Matter("renew", Name("换领", "Renewal"), "general", "公安局", 600.0),
                         Matter("collect", Name("领证", "Collect"), "pickup", "", None))
    w1, w2 = c.windows
    assert (w1.id, w1.label, w1.groups, w1.evaluator) == ("win-01", Name("1号窗口", "Window 1"),
                                                          ("general", "pickup"), "eval-01")
    assert (w2.id, w2.groups, w2.evaluator) == ("win-02", ("pickup",), None)
    assert c.devices == {"win-01": "window", "win-02": "window", "eval-01": "evaluator", "kiosk-01": "kiosk",
                         "kiosk-02": "kiosk", "display-main": "display", "mgr-01": "manager"}
    assert c.role_of("nobody") is None and c.window_of_evaluator("eval-01") == "win-01"
    assert c.window_of_evaluator("kiosk-01") is None


def test_what_may_be_left_out():
    c = parse_hall('[hall]\nid = "h"\n[[groups]]\ncode = "g"\nletter = "A"\nname_zh = "组"\nname_en = "G"\n')
    assert (c.name, c.timezone, c.appointment_key, c.citizen_salt) == (Name("", ""), "Asia/Shanghai", b"", b"")
    assert c.policy == Policy() and c.matters == () and c.windows == () and c.devices == {}
    assert c.groups[0].service_s == 300.0


def test_whole_minutes_and_fractions_are_both_minutes():
    c = parse_hall(SMALL.replace("priority_overtake_min = 20", "priority_overtake_min = 0.5"))
    assert c.policy.priority_overtake_s == 30.0


def test_the_problems_name_file_line_and_field():
    bad = (SMALL.replace('id = "small-hall"', 'id = "Small Hall"')
           .replace('letter = "E"', 'letter = "A"')
           .replace('code = "pickup"', 'code = "pick up"')
           .replace("tickets_per_citizen_matter_day = 3", "tickets_per_citizen_matter_day = 2.5")
           .replace('groups = ["pickup"]', 'groups = ["nope"]')
           .replace('group = "pickup"', 'group = "gone"')
           .replace('kiosks = ["kiosk-01", "kiosk-02"]', 'kiosks = ["kiosk-01", "kiosk-01", "Kiosk 3", 7]')
           .replace('appointment_key = "0a0b"', 'appointment_key = "xyz"')
           .replace('citizen_salt = "ff00"', 'citizen_salt = 12'))
    assert problems(bad, "h.toml") == [
        f"h.toml:{line(bad, 'Small Hall')}: hall.id: 'Small Hall' must match ^[a-z0-9][a-z0-9_-]{{0,63}}$",
        f"h.toml:{line(bad, 'pick up')}: groups[1].code: 'pick up' must match ^[a-z0-9][a-z0-9_-]{{0,63}}$",
        f"h.toml:{line(bad, 'letter', 1)}: groups[1].letter: 'A' is already used by another group",
        f"h.toml:{line(bad, 'gone')}: matters[1].group: unknown group 'gone'",
        f"h.toml:{line(bad, W1_GROUPS)}: windows[0].groups: unknown group 'pickup'",
        f"h.toml:{line(bad, 'nope')}: windows[1].groups: unknown group 'nope'",
        f"h.toml:{line(bad, 'kiosks')}: devices.kiosks: 'kiosk-01' is declared twice",
        f"h.toml:{line(bad, 'kiosks')}: devices.kiosks: 'Kiosk 3' is not a device id",
        f"h.toml:{line(bad, 'kiosks')}: devices.kiosks: 7 is not a device id",
        f"h.toml:{line(bad, 'tickets_per')}: policy.tickets_per_citizen_matter_day: must be int, not float",
        f"h.toml:{line(bad, 'appointment_key')}: hall.appointment_key: must be hexadecimal",
        f"h.toml:{line(bad, 'citizen_salt')}: hall.citizen_salt: must be str, not int",
    ]


def test_required_fields_and_wrong_types():
    bad = (SMALL.replace('name_en = "General"\n', "")
           .replace('letter = "A"', 'letter = "a"')
           .replace("service_min = 8", "service_min = true")
           .replace('label_zh = "2号窗口"\n', "")
           .replace('groups = ["general", "pickup"]', 'groups = "general"')
           .replace("elderly_age = 70", 'elderly_age = "70"')
           .replace('timezone = "Europe/Berlin"', "timezone = 8"))
    found = problems(bad)
    assert f"hall.toml:{line(bad, 'timezone')}: hall.timezone: must be str, not int" in found
    assert f"hall.toml:{line(bad, 'letter')}: groups[0].letter: 'a' must match ^[A-Z]$" in found
    assert f"hall.toml:{line(bad, '[[groups]]')}: groups[0].name_en: is required" in found
    assert f"hall.toml:{line(bad, 'service_min = true')}: groups[0].service_min: must be float, not bool" in found
    assert f"hall.toml:{line(bad, '[[windows]]', 1)}: windows[1].label_zh: is required" in found
    assert f"hall.toml:{line(bad, 'groups = ')}: windows[0].groups: must be list, not str" in found
    assert f"hall.toml:{line(bad, 'elderly_age')}: policy.elderly_age: must be int, not str" in found
    assert len(found) == 7


def test_a_file_without_tables():
    assert problems('[hall]\nname_zh = "x"\n', "h.toml") == [
        "h.toml:1: hall.id: is required", "h.toml:1: groups: a hall needs at least one [[groups]] table"]
    assert problems("", "e.toml") == ["e.toml:1: hall.id: is required",
                                      "e.toml:1: groups: a hall needs at least one [[groups]] table"]


def test_a_missing_key_points_at_its_table_and_a_table_at_its_header():
    text = '# a hall\n\n[hall]\nname_zh = "x"\n\n[[groups]]\ncode = "g"\nletter = "A"\nname_en = "G"\n'
    assert problems(text) == ["hall.toml:3: hall.id: is required", "hall.toml:6: groups[0].name_zh: is required"]
    text2 = ('[hall]\nid = "h"\n[[groups]]\ncode = "a"\nletter = "A"\nname_zh = "a"\nname_en = "a"\n'
             '[[groups]]\ncode = "b"\nname_zh = "b"\n  name_en = "b"\n[policy]\nletter = "Q"\n')
    assert problems(text2) == ["hall.toml:8: groups[1].letter: is required"]
    text3 = text2.replace('\n[policy]\nletter = "Q"\n', '\n  letter  =  "A"\n')
    assert problems(text3) == ["hall.toml:12: groups[1].letter: 'A' is already used by another group"]


def test_a_key_named_like_the_end_of_another_is_not_taken_for_it():
    text = ('[hall]\nid = "h"\n[[groups]]\ncode = "a"\nletter = "A"\nname_zh = "a"\nname_en = "a"\n'
            'xservice_min = 1\nservice_min = "x"\n')
    assert problems(text) == ['hall.toml:9: groups[0].service_min: must be float, not str']


def test_a_toml_syntax_error_names_the_file():
    found = problems("[hall\nid = 1", "broken.toml")
    assert len(found) == 1 and found[0].startswith("broken.toml: ") and "line 1" in found[0]


def test_secrets_and_catalog_in_their_own_files(tmp_path):
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "appointment.key").write_bytes(b"the key\n")
    (tmp_path / "secrets" / "citizen.salt").write_bytes(b"  salt  ")
    catalog = SMALL[SMALL.index("[[groups]]"):SMALL.index("[[windows]]")]
    (tmp_path / "catalog.toml").write_text(catalog, "utf-8")
    head = SMALL[:SMALL.index("[[groups]]")].replace(
        'appointment_key = "0a0b"\ncitizen_salt = "ff00"\n',
        'appointment_key_file = "secrets/appointment.key"\ncitizen_salt_file = "secrets/citizen.salt"\n'
        'catalog_file = "catalog.toml"\n')
    hall = head + SMALL[SMALL.index("[[windows]]"):]
    (tmp_path / "hall.toml").write_text(hall, "utf-8")
    c = load_hall(str(tmp_path / "hall.toml"))
    assert c.appointment_key == b"the key" and c.citizen_salt == b"salt"
    assert [g.code for g in c.groups] == ["general", "pickup"] and [m.code for m in c.matters] == ["renew", "collect"]
    assert c == parse_hall(hall, "whatever.toml", tmp_path)
    # without a base the *_file keys are not read (a hall from text alone)
    alone = parse_hall(hall.replace('catalog_file = "catalog.toml"\n', "") + catalog)
    assert alone.appointment_key == b"" and alone.citizen_salt == b""
    # a bad catalog file names itself and its own lines
    (tmp_path / "catalog.toml").write_text(catalog.replace('letter = "E"', 'letter = "A"'), "utf-8")
    cat_path = tmp_path / "catalog.toml"
    assert problems(hall, "hall.toml", tmp_path) == [
        f"{cat_path}:{line(catalog, 'letter', 1)}: groups[1].letter: 'A' is already used by another group"]
    (tmp_path / "catalog.toml").write_text("[[groups]\n", "utf-8")
    found = problems(hall, "hall.toml", tmp_path)
    assert len(found) == 4 and found[0].startswith(f"hall.toml:{line(hall, 'catalog_file')}: hall.catalog_file: "
                                                   f"cannot read {cat_path}: ")
    (tmp_path / "catalog.toml").unlink()
    (tmp_path / "secrets" / "citizen.salt").unlink()
    found = problems(hall, "hall.toml", tmp_path)
    assert found[0].startswith(f"hall.toml:{line(hall, 'catalog_file')}: hall.catalog_file: cannot read {cat_path}")
    assert f"hall.toml:{line(hall, 'citizen_salt_file')}: hall.citizen_salt_file: cannot read " \
           f"{tmp_path / 'secrets' / 'citizen.salt'}: No such file or directory" in found


def test_the_demo_hall_loads_by_name():
    c = load_hall("demo")
    assert c.id == "demo" and c.timezone == "Asia/Shanghai" and c.policy.priority_overtake_s == 900.0
    assert c.appointment_key == b"demo-appointment-key" and c.citizen_salt == b"demo-citizen-salt"


WRONG = """\
[hall]
id = true
name_zh = true
name_en = true
timezone = true
appointment_key = true
citizen_salt = true

[policy]
priority_overtake_min = true
tickets_per_citizen_matter_day = true
appointment_early_min = true
appointment_late_min = true
elderly_age = true
service_level_min = true

[[groups]]
code = true
letter = true
name_zh = true
name_en = true
service_min = true

[[matters]]
group = true
service_min = true
code = true
name_zh = true
name_en = true
department = true

[[windows]]
groups = true
id = true
label_zh = true
label_en = true
evaluator = true

[devices]
kiosks = true
displays = true
managers = true
"""


def test_every_field_of_the_wrong_type_is_named_with_its_line():
    kinds = {"service_min": "float", "priority_overtake_min": "float", "appointment_early_min": "float",
             "appointment_late_min": "float", "service_level_min": "float", "elderly_age": "int",
             "tickets_per_citizen_matter_day": "int", "groups": "list", "kiosks": "list", "displays": "list",
             "managers": "list"}
    expected, table = [], ""
    for n, text in enumerate(WRONG.splitlines(), 1):
        if text.startswith("["):
            table = text.strip("[]")
            where = f"{table}[0]" if text.startswith("[[") else table
        elif text:
            key = text.split(" = ")[0]
            expected.append(f"w.toml:{n}: {where}.{key}: must be {kinds.get(key, 'str')}, not bool")
    found = problems(WRONG, "w.toml")
    assert sorted(found) == sorted(expected) and len(found) == 31


def test_codes_and_ids_must_be_lowercase_letters_digits_dash_and_underscore():
    bad = SMALL.replace('code = "renew"', 'code = "-renew"').replace('id = "win-02"', 'id = "win 02"')
    found = problems(bad)
    assert found == [
        f"hall.toml:{line(bad, '-renew')}: matters[0].code: '-renew' must match ^[a-z0-9][a-z0-9_-]{{0,63}}$",
        f"hall.toml:{line(bad, 'win 02')}: windows[1].id: 'win 02' must match ^[a-z0-9][a-z0-9_-]{{0,63}}$"]
    ok = SMALL.replace('code = "renew"', 'code = "' + "r" * 64 + '"')
    assert parse_hall(ok).matters[0].code == "r" * 64
    too_long = SMALL.replace('code = "renew"', 'code = "' + "r" * 65 + '"')
    assert len(problems(too_long)) == 1


def test_devices_listed_twice_or_already_windows():
    bad = SMALL.replace('displays = ["display-main"]', 'displays = ["win-01", "eval-01"]')
    assert problems(bad) == [f"hall.toml:{line(bad, 'displays')}: devices.displays: 'win-01' is declared twice",
                             f"hall.toml:{line(bad, 'displays')}: devices.displays: 'eval-01' is declared twice"]


def test_a_key_outside_its_table_is_not_taken_for_it():
    text = 'title = "x"\nid = "y"\n[[groups]]\ncode = "g"\nletter = "A"\nname_zh = "组"\nname_en = "G"\n'
    assert problems(text) == ["hall.toml:1: hall.id: is required"]


def test_a_window_or_matter_without_its_group_is_one_problem():
    bad = SMALL.replace('groups = ["pickup"]\n', "").replace('group = "pickup"\n', "")
    assert problems(bad) == [f"hall.toml:{line(bad, '[[matters]]', 1)}: matters[1].group: is required",
                             f"hall.toml:{line(bad, '[[windows]]', 1)}: windows[1].groups: is required"]


def test_a_hall_file_loaded_by_path_names_itself(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SMALL.replace('letter = "E"', 'letter = "A"'), "utf-8")
    with pytest.raises(HallFileError) as e:
        load_hall(str(path))
    assert e.value.problems == [f"{path}:{line(SMALL, 'letter', 1)}: groups[1].letter: 'A' is already used by another group"]


def test_a_group_without_a_service_time_expects_five_minutes():
    c = parse_hall(SMALL.replace("service_min = 8", "service_min = 0"))
    assert c.groups[0].service_s == 300.0  # zero would promise no wait at all
    assert parse_hall(SMALL.replace("service_min = 8", "service_min = 2.5")).groups[0].service_s == 150.0


def test_a_file_without_a_name_is_called_hall_toml():
    with pytest.raises(HallFileError) as e:
        parse_hall('[hall]\nid = "h"\n')
    assert e.value.problems == ["hall.toml:1: groups: a hall needs at least one [[groups]] table"]


def test_problems_of_the_hall_file_and_of_its_catalog_file_together(tmp_path):
    catalog = SMALL[SMALL.index("[[groups]]"):SMALL.index("[[windows]]")].replace('letter = "E"', 'letter = "A"')
    (tmp_path / "catalog.toml").write_text(catalog, "utf-8")
    hall = '[hall]\nid = "Bad Id"\ncatalog_file = "catalog.toml"\n'
    found = problems(hall, "hall.toml", tmp_path)
    assert found == ["hall.toml:2: hall.id: 'Bad Id' must match ^[a-z0-9][a-z0-9_-]{0,63}$",
                     f"{tmp_path / 'catalog.toml'}:{line(catalog, 'letter', 1)}: groups[1].letter: "
                     "'A' is already used by another group"]
