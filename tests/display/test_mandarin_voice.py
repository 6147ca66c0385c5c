"""The Mandarin announcement is Mandarin: every syllable espeak-ng says for it has Mandarin
phonemes, no English fallback (`(en)` in `espeak-ng -x`), for every group letter, every digit,
windows 1-40, the demo hall's windows and a window named only by its label."""

from __future__ import annotations

import shutil
import string
import subprocess

import pytest

from hall_display.model import Call, Name
from hall_display.speech_espeak import VOICES, espeak_text
from hall_display.speech_pinyin import to_pinyin, zh_number
from hall_display.speech_text import utterances
from hallcore.hallfile import load_hall

ESPEAK = shutil.which("espeak-ng")
pytestmark = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is installed by make (scripts/system-deps.sh)")


def phonemes(voice: str, text: str) -> str:
    assert ESPEAK is not None
    return subprocess.run([ESPEAK, "-v", voice, "-x", "-q", text], capture_output=True, text=True, check=True,
                          timeout=20).stdout


def calls() -> list[Call]:
    out = [Call(f"{letter}{n:03d}", "win-05", Name("5号窗口", "Window 5"), "")
           for letter, n in zip(string.ascii_uppercase, range(123, 999, 33), strict=False)]
    out += [Call("A023", f"win-{n:02d}", Name(f"{n}号窗口", f"Window {n}"), "") for n in range(1, 41)]
    out += [Call("B456", w.id, Name(w.label.zh, w.label.en), "") for w in load_hall("demo").windows]
    out.append(Call("C789", "vip", Name("综合受理窗口", "Comprehensive desk"), ""))
    return out


def test_every_mandarin_announcement_has_no_english_fallback() -> None:
    bad = {}
    for c in calls():
        zh, _en = utterances(c)
        said = phonemes(VOICES["zh"], espeak_text(zh))
        if "(en)" in said or not said.strip():
            bad[zh.text] = (espeak_text(zh), said)
    assert not bad, bad


def test_the_check_can_fail() -> None:
    """The old way (Chinese characters on the `cmn` voice) falls back to English: the check sees it."""
    assert "(en)" in phonemes("cmn", "请A023号到5号窗口办理")


def test_pinyin_and_numbers() -> None:
    assert to_pinyin("请 A 零 二 三 号到 5 号窗口办理") == \
        "qing3 A ling2 er4 san1 hao4 dao4 wu3 hao4 chuang1 kou3 ban4 li3"
    assert [zh_number(n) for n in (0, 7, 10, 12, 20, 105, 110)] == ["零", "七", "十", "十二", "二十", "一百零五",
                                                                     "一百一十"]
