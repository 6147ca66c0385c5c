"""`--voice espeak|clips:DIR|none` to a `Speaker`: a synthesiser joined to a player."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from hall_display.announcer import Speaker
from hall_display.players import Player, find_player
from hall_display.speech_text import Utterance


class Synth(Protocol):
    def synthesize(self, utterance: Utterance) -> bytes:
        """A WAV of the utterance."""


class SynthSpeaker:
    def __init__(self, synth: Synth, player: Player) -> None:
        self.synth, self.player = synth, player

    def speak(self, utterance: Utterance) -> None:
        self.player.play(self.synth.synthesize(utterance))


class SilentSpeaker:
    def speak(self, utterance: Utterance) -> None:
        return None


def make_speaker(spec: str, player: Player | None = None) -> Speaker:
    """Raises SpeechError when the voice cannot work at all (no espeak-ng, clips missing)."""
    if spec == "none":
        return SilentSpeaker()
    out = player or find_player()
    if spec == "espeak":
        from hall_display.speech_espeak import EspeakSynth

        return SynthSpeaker(EspeakSynth(), out)
    if spec.startswith("clips:"):
        from hall_display.speech_clips import ClipSynth

        return SynthSpeaker(ClipSynth(Path(spec[len("clips:"):])), out)
    raise ValueError(f"--voice must be espeak, clips:DIR or none, not {spec!r}")
