"""Speech from espeak-ng: Mandarin as numbered pinyin on `-v cmn-latn-pinyin` (see
speech_pinyin: the `cmn` dictionary reads most characters as English), `-v en` for
English, written to WAV with `-w`."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from hall_display.announcer import SpeechError
from hall_display.speech_pinyin import to_pinyin
from hall_display.speech_text import Utterance

VOICES = {"zh": "cmn-latn-pinyin", "en": "en"}


def espeak_text(utterance: Utterance) -> str:
    """What espeak-ng is given for an utterance: numbered pinyin for Mandarin."""
    return to_pinyin(utterance.text) if utterance.lang == "zh" else utterance.text


class EspeakSynth:
    def __init__(self, exe: str | None = None, speed_wpm: int = 140) -> None:
        found = exe or shutil.which("espeak-ng")
        if found is None:
            raise SpeechError("espeak-ng is missing: apt-get install espeak-ng, or use --voice none")
        self.exe, self.speed = found, speed_wpm
        self.synthesize = lru_cache(maxsize=64)(self._synthesize)  # a repeat is said from the cache

    def _synthesize(self, utterance: Utterance) -> bytes:
        voice = VOICES.get(utterance.lang, utterance.lang)
        with tempfile.TemporaryDirectory(prefix="hallq-espeak-") as tmp:
            out = Path(tmp) / "say.wav"
            try:
                subprocess.run([self.exe, "-v", voice, "-s", str(self.speed), "-w", str(out), espeak_text(utterance)],
                               check=True, capture_output=True, timeout=20)
                return out.read_bytes()
            except (OSError, subprocess.SubprocessError) as exc:
                raise SpeechError(f"espeak-ng failed on {utterance.text!r}: {exc}") from exc
