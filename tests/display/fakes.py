"""Hand-written fakes for the display tests: a clock you move, a speaker that writes WAV files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hall_display.speech_text import Utterance
from hall_display.voice import Synth
from hall_display.wav_util import duration_s


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.t += s


class WavFileSpeaker:
    """Writes each utterance as a WAV and 'plays' it by moving the fake clock by its length."""

    def __init__(self, synth: Synth, folder: Path, clock: FakeClock) -> None:
        self.synth, self.folder, self.clock = synth, folder, clock
        self.files: list[Path] = []

    def speak(self, utterance: Utterance) -> None:
        wav = self.synth.synthesize(utterance)
        path = self.folder / f"{len(self.files):03d}-{utterance.lang}.wav"
        path.write_bytes(wav)
        self.files.append(path)
        self.clock.sleep(duration_s(wav))


def call(ticket: str = "A023", window: int = 5, at: str = "2025-03-07T09:00:00+08:00",
         recall: bool = False) -> dict[str, Any]:
    return {"ticket": ticket, "window": f"win-{window:02d}",
            "window_label": {"zh": f"{window}号窗口", "en": f"Window {window}"}, "at": at, "recall": recall}


CATALOG = {"hall": {"id": "demo", "name": {"zh": "市民服务中心", "en": "Citizen Service Center"}},
           "groups": [{"code": "comprehensive", "name": {"zh": "综合受理", "en": "Comprehensive"}, "letter": "A"},
                      {"code": "pickup", "name": {"zh": "证照领取", "en": "Results pickup"}, "letter": "E"}],
           "matters": []}
QUEUES = {"groups": [{"group": "comprehensive", "waiting": 4, "longest_wait_s": 300, "est_wait_s": 960,
                      "windows_open": 2},
                     {"group": "pickup", "waiting": 0, "longest_wait_s": 0, "est_wait_s": 0, "windows_open": 1}]}
