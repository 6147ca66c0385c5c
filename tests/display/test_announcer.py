"""Announcements: Mandarin then English, repeated, never overlapping, from espeak-ng or a hall's clips."""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import threading
import time
from pathlib import Path

import pytest

from hall_display.announcer import Announcer, AnnouncerThread, Spoken
from hall_display.model import Call
from hall_display.speech_clips import REQUIRED, ClipSynth
from hall_display.speech_espeak import EspeakSynth
from hall_display.speech_text import Utterance
from hall_display.voice import SilentSpeaker, SynthSpeaker, make_speaker
from hall_display.wav_util import WavFormat, duration_s, rms, write_wav
from tests.display.fakes import FakeClock, WavFileSpeaker, call

FMT = WavFormat(1, 2, 16000)


def tone(freq: float, seconds: float = 0.15) -> bytes:
    n = int(FMT.framerate * seconds)
    return write_wav(FMT, b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / FMT.framerate)))
                                   for i in range(n)))


def make_clips(folder: Path) -> Path:
    for lang, names in REQUIRED.items():
        (folder / lang).mkdir(parents=True)
        for i, name in enumerate([*names, "A", "B", "window_end"]):
            (folder / lang / f"{name}.wav").write_bytes(tone(300 + 40 * i))
    return folder


def assert_apart(history: list[Spoken]) -> None:
    for before, after in zip(history, history[1:], strict=False):
        assert after.start >= before.end, f"{after.utterance.text!r} overlaps {before.utterance.text!r}"


def sox_rms(path: Path) -> float:
    out = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True).stderr
    return float(next(line.split(":")[1] for line in out.splitlines() if line.startswith("RMS     amplitude")))


def test_espeak_says_each_call_zh_then_en_repeated_without_overlap(tmp_path):
    clock = FakeClock()
    speaker = WavFileSpeaker(EspeakSynth(), tmp_path, clock)
    ann = Announcer(speaker, repeat=2, gap_s=0.5, clock=clock, sleep=clock.sleep)
    for c in (call("A023", 5), call("B101", 12)):
        ann.submit(Call.parse(c))
    while ann.run_once():
        pass
    history = list(ann.history)
    assert [s.utterance.lang for s in history] == ["zh", "en"] * 4
    assert history[0].utterance.text == "请 A 零 二 三 号到 5 号窗口办理"
    assert history[-1].utterance.text == "Number B, one, zero, one, please go to window 12"
    assert_apart(history)
    for path in speaker.files:
        data = path.read_bytes()
        assert duration_s(data) > 1.0 and rms(data) > 300, path
    if shutil.which("sox"):
        assert sox_rms(speaker.files[0]) > 0.01


def test_clips_are_joined_in_order(tmp_path):
    synth = ClipSynth(make_clips(tmp_path / "voice"))
    zh, en = (synth.synthesize(u) for u in (Utterance("zh", "", ("please", "A", "0", "2", "3", "to_window", "n5",
                                                                  "window_end")),
                                           Utterance("en", "", ("number", "A", "n12", "please_go_to_window"))))
    assert duration_s(zh) == pytest.approx(8 * 0.15 + 7 * 0.05, abs=0.01)
    assert duration_s(en) == pytest.approx(5 * 0.15 + 4 * 0.05, abs=0.01)  # n12 spelt as 1, 2
    assert rms(zh) > 1000


def test_missing_clips_are_named(tmp_path):
    (tmp_path / "zh").mkdir()
    with pytest.raises(Exception, match="please"):
        ClipSynth(tmp_path)


def test_concurrent_calls_are_queued_never_overlapping(tmp_path):
    synth = ClipSynth(make_clips(tmp_path / "voice"))
    clock = FakeClock()
    speaker = WavFileSpeaker(synth, tmp_path, clock)
    lock = threading.Lock()

    class Guarded:
        busy = False

        def speak(self, utt: Utterance) -> None:
            with lock:
                assert not Guarded.busy, "two utterances at once"
                Guarded.busy = True
            time.sleep(0.002)
            speaker.speak(utt)
            Guarded.busy = False

    ann = Announcer(Guarded(), repeat=3, gap_s=0.3, clock=clock, sleep=clock.sleep)
    worker = AnnouncerThread(ann).start()
    senders = [threading.Thread(target=lambda n=n: [ann.submit(Call.parse(call(f"A{n}{i}", n + 1)))
                                                    for i in range(3)]) for n in range(4)]
    for t in senders:
        t.start()
    for t in senders:
        t.join()
    deadline = time.monotonic() + 10
    while (ann.pending or len(ann.history) < 12 * 6) and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.stop()
    assert len(ann.history) == 12 * 3 * 2
    assert_apart(list(ann.history))
    assert all(rms(p.read_bytes()) > 1000 for p in speaker.files)


def test_a_broken_voice_never_stops_the_queue():
    class Broken:
        def speak(self, utt: Utterance) -> None:
            raise OSError("no audio device")

    clock = FakeClock()
    ann = Announcer(Broken(), repeat=1, gap_s=0, clock=clock, sleep=clock.sleep)
    ann.submit(Call.parse(call()))
    ann.submit(Call.parse(call("A024")))
    assert ann.run_once() and ann.run_once() and not ann.run_once()
    assert len(ann.history) == 4
    SilentSpeaker().speak(Utterance("zh", "x", ()))


def test_voice_specs(tmp_path):
    assert isinstance(make_speaker("none"), SilentSpeaker)
    assert isinstance(make_speaker(f"clips:{make_clips(tmp_path)}"), SynthSpeaker)
    with pytest.raises(ValueError):
        make_speaker("festival")
