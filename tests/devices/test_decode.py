"""QR decoding on the generated corpus, and the `hallq decode` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from devices.qr_decode import decode_qr
from devices.testing.qr_corpus import KINDS, corpus


@pytest.mark.parametrize("decoder", ["auto", "pyzbar"])
def test_every_code_of_a_small_corpus_is_read_with_no_false_read(decoder: str) -> None:
    samples = list(corpus(per_kind=2, seed=11))
    assert {s.kind for s in samples} == set(KINDS)
    for s in samples:
        assert decode_qr(s.image, decoder) == ([s.expected] if s.expected else []), s.kind


def test_colour_frames_decode_too() -> None:
    s = next(corpus(1, seed=5))
    assert decode_qr(cv2.cvtColor(s.image, cv2.COLOR_GRAY2BGR)) == [s.expected]


def test_the_decode_command_prints_path_tab_text(tmp_path: Path) -> None:
    samples = list(corpus(1, seed=3))
    with_code = next(s for s in samples if s.expected)
    without = next(s for s in samples if s.kind == "none")
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    cv2.imwrite(str(a), with_code.image)
    cv2.imwrite(str(b), without.image)
    out = subprocess.run([sys.executable, "-m", "hallq", "decode", str(a), str(b)],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [f"{a}\t{with_code.expected}", f"{b}\t"]
    bad = subprocess.run([sys.executable, "-m", "hallq", "decode", str(tmp_path / "missing.png")],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "cannot read" in bad.stderr
