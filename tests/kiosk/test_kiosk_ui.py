"""The real kiosk under Xvfb, tapped through a whole ticket (Kivy touch events and one real
X click), with a screenshot of every screen saved under artifacts/kiosk/ and checked not blank."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.support.broker import Mosquitto
from tests.support.server import ROOT, ServerProcess
from tests.support.xvfb import Xvfb

ARTIFACTS = ROOT / "artifacts" / "kiosk"


@pytest.fixture(scope="module")
def xvfb() -> Iterator[Xvfb]:
    x = Xvfb((1280, 720)).start()
    yield x
    x.stop()


def run_driver(xvfb: Xvfb, tmp: Path, name: str, steps: list[list[object]], *kiosk_args: str) -> dict[str, object]:
    shots = ARTIFACTS / name
    shutil.rmtree(shots, ignore_errors=True)
    out, steps_file = tmp / f"{name}.out.json", tmp / f"{name}.steps.json"
    steps_file.write_text(json.dumps(steps, ensure_ascii=False))
    env = {**xvfb.env(), "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", "")}
    env = {k: v for k, v in env.items() if v}
    log = tmp / f"{name}.log"
    with log.open("wb") as f:
        rc = subprocess.run([sys.executable, "-m", "tests.kiosk.ui_driver", str(out), str(steps_file), "--",
                             "--screenshot-dir", str(shots), *kiosk_args], cwd=ROOT, env=env, stdout=f,
                            stderr=subprocess.STDOUT, timeout=60).returncode
    assert rc == 0 and out.exists(), log.read_text()[-3000:]
    result: dict[str, object] = json.loads(out.read_text())
    assert result["ok"], (result, log.read_text()[-3000:])
    return result


def assert_screenshots(name: str, screens: set[str]) -> None:
    pngs = sorted((ARTIFACTS / name).glob("*.png"))
    seen = {json.loads(p.with_suffix(".json").read_text())["screen"] for p in pngs if p.with_suffix(".json").exists()}
    assert screens <= seen, seen
    for p in pngs:
        stat = ImageStat.Stat(Image.open(p).convert("L"))
        assert stat.stddev[0] > 10, f"{p} looks blank (stddev {stat.stddev[0]:.1f})"


def test_tap_through_a_whole_ticket(xvfb: Xvfb, broker: Mosquitto, server: ServerProcess, tmp_path: Path) -> None:
    slips = tmp_path / "slips.jsonl"
    steps: list[list[object]] = [
        ["wait", "", {"out_of_service": None}],
        ["xtap", "touch", {"screen": "groups"}],  # a real click through X
        ["tap", "lang", {"lang": "en"}],
        ["tap", "lang", {"lang": "zh"}],
        ["tap", "group:comprehensive", {"screen": "matters"}],
        ["tap", "next", {"page": 1}],
        ["tap", "search", {"screen": "search"}],
        ["tap", "key:h", {"query": "h"}],
        ["tap", "key:k", {"query": "hk"}],
        ["tap", "key:q", {"query": "hkq", "items": "hukou-transfer"}],
        ["tap", "matter:hukou-transfer", {"screen": "priority"}],
        ["tap", "large", {"large": True}],
        ["tap", "priority:elderly", {"screen": "confirm", "priority": "elderly"}],
        ["tap", "confirm", {"screen": "ticket"}],
        ["tap", "done", {"screen": "welcome", "large": False}],
        ["file", f"+{slips}.paper_out", {"out_of_service": "printer_paper_out"}],
        ["file", f"-{slips}.paper_out", {"out_of_service": None}],
    ]
    result = run_driver(xvfb, tmp_path, "whole-ticket", steps, "--broker", broker.url, "--printer", f"jsonl:{slips}")
    printed = [json.loads(line) for line in slips.read_text().splitlines()]
    assert [(p["reference"], p["number"]) for p in printed] == list(result["tickets"].items())  # type: ignore
    assert printed[0]["priority"] == "elderly"
    assert_screenshots("whole-ticket", {"welcome", "groups", "matters", "search", "priority", "confirm", "ticket"})


def test_search_from_a_hardware_keyboard_and_the_candidate_bar(xvfb: Xvfb, broker: Mosquitto,
                                                               server: ServerProcess, tmp_path: Path) -> None:
    """Keys typed on X's keyboard reach the search; a group's initials find its matters; typed
    pinyin offers the catalog's characters, and a tap on one searches in Chinese."""
    steps: list[list[object]] = [
        ["wait", "", {"out_of_service": None}],
        ["xtap", "touch", {"screen": "groups"}],  # the pointer over the window: X gives it the keys
        ["xtype", "bdcdj", {"screen": "search", "query": "bdcdj", "items": "re-transfer"}],
        ["xkey", "BackSpace", {"query": "bdcd"}],
        ["tap", "key:clear", {"query": ""}],
        ["xtype", "hu", {"query": "hu"}],
        ["tap", "cand:户", {"query": "户", "items": "hukou-transfer"}],
    ]
    run_driver(xvfb, tmp_path, "hardware-keys", steps, "--broker", broker.url, "--printer",
               f"jsonl:{tmp_path / 'slips.jsonl'}")
    assert_screenshots("hardware-keys", {"search"})
