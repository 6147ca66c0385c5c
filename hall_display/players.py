"""Playing a WAV on the hall's speakers, or nowhere when the machine has no audio device."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol

from hall_display.announcer import SpeechError
from hall_display.wav_util import duration_s

log = logging.getLogger(__name__)


class Player(Protocol):
    def play(self, wav: bytes) -> None:
        """Play and return when done."""


class NullPlayer:
    """No audio device: the display goes on silently."""

    def play(self, wav: bytes) -> None:
        return None


class CommandPlayer:
    """aplay, paplay or sox's `play`, given the WAV as a temporary file."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv

    def play(self, wav: bytes) -> None:
        with tempfile.NamedTemporaryFile(suffix=".wav", prefix="hallq-say-") as f:
            f.write(wav)
            f.flush()
            try:
                subprocess.run([*self.argv, f.name], check=True, capture_output=True,
                               timeout=duration_s(wav) + 10)
            except (OSError, subprocess.SubprocessError) as exc:
                raise SpeechError(f"{self.argv[0]} failed: {exc}") from exc


def _pulse() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(os.environ.get("PULSE_SERVER")) or (bool(runtime) and Path(runtime, "pulse", "native").exists())


def _alsa() -> bool:
    snd = Path("/dev/snd")
    return snd.is_dir() and any(p.name.startswith("pcm") for p in snd.iterdir())


def find_player() -> Player:
    """The first player that has both its program and a device to play on; else NullPlayer."""
    if _pulse() and shutil.which("paplay"):
        return CommandPlayer(["paplay"])
    if _alsa() and shutil.which("aplay"):
        return CommandPlayer(["aplay", "-q"])
    if (_alsa() or _pulse()) and shutil.which("play"):
        return CommandPlayer(["play", "-q"])
    log.warning("no audio device or player (aplay/paplay/play): calls are shown but not spoken")
    return NullPlayer()
