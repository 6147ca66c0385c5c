"""Speech from a hall's own recordings: a folder of WAV clips joined with the `wave` module.

Layout (docs/display.md): DIR/zh/ and DIR/en/, each with one clip per character
("0.wav".."9.wav", "A.wav".."Z.wav" as needed), optional whole window numbers
("n12.wav", else the digits are spelt), and the phrases of `speech_text`:
zh: please (请), to_window (号到), window_end (号窗口办理);
en: number (Number), please_go_to_window (please go to window).
"""

from __future__ import annotations

from pathlib import Path

from hall_display.announcer import SpeechError
from hall_display.speech_text import Utterance
from hall_display.wav_util import concat

REQUIRED = {"zh": ("please", "to_window", *"0123456789"), "en": ("number", "please_go_to_window", *"0123456789")}


class ClipSynth:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        missing = [f"{lang}/{name}.wav" for lang, names in REQUIRED.items() for name in names
                   if not (folder / lang / f"{name}.wav").is_file()]
        if missing:
            raise SpeechError(f"voice clips missing in {folder}: {', '.join(missing[:8])}")
        self._cache: dict[tuple[str, str], bytes] = {}

    def _clip(self, lang: str, name: str) -> bytes | None:
        key = (lang, name)
        if key not in self._cache:
            path = self.folder / lang / f"{name}.wav"
            if not path.is_file():
                return None
            self._cache[key] = path.read_bytes()
        return self._cache[key]

    def _expand(self, lang: str, token: str) -> list[bytes]:
        clip = self._clip(lang, token)
        if clip is not None:
            return [clip]
        if token.startswith("n") and token[1:].isdigit():  # no whole-number clip: spell the digits
            return [c for d in token[1:] for c in self._expand(lang, d)]
        if len(token) == 1:
            raise SpeechError(f"no clip for character {token!r} in {self.folder / lang}")
        return []  # an optional phrase this hall did not record

    def synthesize(self, utterance: Utterance) -> bytes:
        clips = [c for t in utterance.tokens for c in self._expand(utterance.lang, t)]
        try:
            return concat(clips)
        except ValueError as exc:
            raise SpeechError(f"cannot join clips in {self.folder}: {exc}") from exc
