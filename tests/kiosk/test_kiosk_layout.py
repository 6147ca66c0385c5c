"""Every message and screen of the kiosk drawn whole: the real root widget under Xvfb shows each
KioskView (every error and notice of kiosk/texts.py, results, the flow's screens with the demo
catalog) in Chinese and English, normal and large print; Kivy measures each label's whole text
at its font size against its box, and the words really drawn are compared with the text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk import texts
from tests.support.server import ROOT
from tests.support.xvfb import Xvfb

ARTIFACTS = ROOT / "artifacts" / "kiosk" / "layout"


@pytest.fixture(scope="module", params=[(1280, 720), (1080, 1920)], ids=["landscape", "portrait"])
def probe(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    size: tuple[int, int] = request.param
    tmp = tmp_path_factory.mktemp("layout")
    x = Xvfb(size).start()
    env = {**x.env(), "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", "")}
    env = {k: v for k, v in env.items() if v}
    try:
        r = subprocess.run([sys.executable, "-m", "tests.kiosk.layout_probe", str(tmp / "out.json"),
                            str(ARTIFACTS / f"{size[0]}x{size[1]}"), f"{size[0]}x{size[1]}"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    finally:
        x.stop()
    assert r.returncode == 0, r.stderr[-3000:]
    views: dict[str, Any] = json.loads((tmp / "out.json").read_text())["views"]
    yield {"size": size, **views}


def _views(probe: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in probe.items() if k != "size"}


def test_no_label_is_clipped_or_shortened(probe: dict[str, Any]) -> None:
    """Also no Latin word broken over two lines ("Norm" / "al")."""
    views = _views(probe)
    assert len(views) > 100
    bad = {name: v["bad"] for name, v in views.items() if v["bad"]}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_large_print_stays_large(probe: dict[str, Any]) -> None:
    """Text shrinks to fit only a little: the layout, not the shrinking, makes room. (Portrait:
    the on-screen keyboard's narrow keys take 'Space' in large English print to under half.)"""
    floor = 0.6 if probe["size"][0] > probe["size"][1] else 0.4
    worst = {name: min(v["shrunk"]) for name, v in _views(probe).items() if v["shrunk"]}
    assert min(worst.values()) >= floor, sorted(worst.items(), key=lambda kv: kv[1])[:5]


def _expected() -> dict[str, str]:
    sample = {"n": 12, "m": 60, "name": "张*明"}
    out: dict[str, str] = {}
    for key, pair in texts.T.items():
        out[f"T.{key}.zh"], out[f"T.{key}.en"] = (s.format(**sample) for s in pair)
    for table in ("ERRORS", "OUT_OF_SERVICE"):
        for key, (zh, en) in getattr(texts, table).items():
            out[f"{table}.{key}.zh"], out[f"{table}.{key}.en"] = zh, en
    out["SUFFIX.zh"], out["SUFFIX.en"] = texts.SUFFIX
    return out


def test_every_text_of_the_kiosk_was_shown(probe: dict[str, Any]) -> None:
    seen = "\n\n".join(t for v in _views(probe).values() for t in v["seen"])
    missing = {k: s for k, s in _expected().items() if s not in seen}
    assert not missing, missing


@pytest.mark.parametrize("kind", ["error", "notice", "print_failed"])
def test_messages_in_both_languages_chinese_first(probe: dict[str, Any], kind: str) -> None:
    """In either mode an error or notice shows its Chinese text above its English text."""
    pairs = {"error": texts.ERRORS.values(), "notice": texts.OUT_OF_SERVICE.values(),
             "print_failed": [texts.T["print_failed"], texts.ERRORS["reprint_paper_out"],
                              texts.ERRORS["reprint_offline"]]}[kind]
    for name, v in _views(probe).items():
        if not name.startswith(kind):
            continue
        shown = "\n".join(v["seen"])
        pair = next((p for p in pairs if p[0] in shown), None)
        assert pair is not None, (name, shown)
        assert shown.index(pair[0]) < shown.index(pair[1]), (name, shown)
