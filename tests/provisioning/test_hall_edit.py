"""Device commands edit an administrator's commented, hand-laid-out hall.toml in place.

Each step checks the whole file line by line: the lines the command must change are the only
ones that differ, every other line is the same bytes; undoing every step gives the file back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hallcore.hallfile import load_hall
from provisioning.main import main
from tests.support.broker import free_port

HAND_MADE = """\
# Hall of the Mianyang citizen centre -- kept in git by the facilities office.
# Ask Li Wei (ext. 204) before changing the windows.

[hall]
id            = "edit-hall"          # never change: it is in every topic
name_zh       = "市民服务中心"
name_en       = "Citizen Service Center"
timezone      = "Asia/Shanghai"
appointment_key_file = "appointment.key"
citizen_salt_file    = "citizen.salt"
catalog_file         = "catalog.toml"

[policy]
service_level_min = 15   # the provincial target

# Ground floor, by the entrance.
[[windows]]
id       = "win-01"
label_zh = "1号窗口"
label_en = "Window 1"
groups   = [ "comprehensive" ]   # identity cards first
# evaluator = "eval-old"   (the old pad was taken away in March)

# Upstairs: real estate, staffed from 2025.
[[windows]]
id       = "win-03"
label_zh = "3号窗口"
label_en = "Window 3"
groups   = [ "real_estate" ]

[devices]
kiosks = [
    "kiosk-01",   # entrance, left
]
displays = [ ]    # the big screen comes in January

# end of file: nothing below is read
"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture
def hall_dir(tmp_path: Path) -> Path:
    d = tmp_path / "hall"
    assert main(["init", "--hall", "edit-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    (d / "hall.toml").write_text(HAND_MADE, "utf-8")
    return d


def _run(d: Path, *args: str) -> str:
    assert main(["device", *args, "--dir", str(d)]) == 0
    load_hall(str(d / "hall.toml"))  # what the server reads still loads
    return (d / "hall.toml").read_text("utf-8")


def test_device_commands_change_only_their_own_lines(hall_dir: Path) -> None:
    d, want = hall_dir, HAND_MADE
    want = _replace(want, '    "kiosk-01",   # entrance, left\n', '    "kiosk-01",   # entrance, left\n    "kiosk-02",\n')
    assert _run(d, "add", "kiosk-02", "--role", "kiosk") == want
    want = _replace(want, "displays = [ ]    #", 'displays = ["display-main" ]    #')
    assert _run(d, "add", "display-main", "--role", "display") == want
    want = _replace(want, "January\n", 'January\nmanagers = ["mgr-01"]\n')
    assert _run(d, "add", "mgr-01", "--role", "manager") == want
    want = _replace(want, 'groups   = [ "real_estate" ]\n', 'groups   = [ "real_estate" ]\nevaluator = "eval-03"\n')
    assert _run(d, "add", "eval-03", "--role", "evaluator", "--window", "win-03") == want
    # a new window: after the last one, set off by a blank line, before [devices]
    want = _replace(want, "\n[devices]\n", '\n[[windows]]\nid = "win-05"\nlabel_zh = "5号窗口"\nlabel_en = "Window 5"\n'
                    'groups = ["comprehensive", "pickup"]\n\n[devices]\n')
    assert _run(d, "add", "win-05", "--role", "window", "--groups", "comprehensive,pickup") == want
    # a key goes after the table's last key, above its trailing comment and the next header's
    want = _replace(want, '# identity cards first\n', '# identity cards first\nevaluator = "eval-01"\n')
    assert _run(d, "add", "eval-01", "--role", "evaluator", "--window", "win-01") == want
    # the evaluator pad moved to the new window: one line out, then one line in
    want = _replace(want, 'evaluator = "eval-01"\n', "")
    assert _run(d, "remove", "eval-01") == want
    want = _replace(want, '"pickup"]\n', '"pickup"]\nevaluator = "eval-01"\n')
    assert _run(d, "add", "eval-01", "--role", "evaluator", "--window", "win-05") == want
    assert load_hall(str(d / "hall.toml")).role_of("eval-01") == "evaluator"


def test_undoing_every_command_gives_the_file_back_byte_for_byte(hall_dir: Path) -> None:
    d = hall_dir
    steps = [("kiosk-02", "kiosk", []), ("display-main", "display", []), ("mgr-01", "manager", []),
             ("eval-03", "evaluator", ["--window", "win-03"]), ("win-05", "window", ["--groups", "pickup"]),
             ("eval-05", "evaluator", ["--window", "win-05"])]
    for device, role, extra in steps:
        _run(d, "add", device, "--role", role, *extra)
    for device, _role, _extra in reversed(steps):
        _run(d, "remove", device)
    # what an id went into and came out of stays: an empty managers list, and `[ ]` is now `[]`
    want = _replace(HAND_MADE, "displays = [ ]    # the big screen comes in January\n",
                    "displays = []    # the big screen comes in January\nmanagers = []\n")
    assert (d / "hall.toml").read_text("utf-8") == want


def test_a_removed_window_takes_its_own_comment_and_leaves_the_next_ones(hall_dir: Path) -> None:
    d = hall_dir
    # credentials for windows the file already has: hall.toml is not touched at all
    assert _run(d, "add", "win-01", "--role", "window") == HAND_MADE
    assert _run(d, "add", "win-03", "--role", "window") == HAND_MADE
    gone = HAND_MADE[HAND_MADE.index("# Ground floor"):HAND_MADE.index("# Upstairs")]
    assert _run(d, "remove", "win-01") == _replace(HAND_MADE, gone, "")


def test_a_hall_file_broken_by_hand_is_a_clear_error_and_nothing_changes(hall_dir: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    d = hall_dir
    for broken, says in ((_replace(HAND_MADE, 'id       = "win-03"', 'id       = "win-03'), "hall.toml:26:"),
                         (_replace(HAND_MADE, "displays = [ ]", 'displays = "display-1"'), "displays is not an array")):
        (d / "hall.toml").write_text(broken, "utf-8")
        passwd = (d / "passwd").read_bytes()
        assert main(["device", "add", "display-main", "--role", "display", "--dir", str(d)]) == 2
        assert says in capsys.readouterr().err
        assert (d / "hall.toml").read_text("utf-8") == broken and (d / "passwd").read_bytes() == passwd
        assert not (d / "bundles" / "display-main.json").exists()
