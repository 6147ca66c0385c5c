"""Small WAV helpers on the standard `wave` module: join clips, measure length and loudness."""

from __future__ import annotations

import io
import math
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WavFormat:
    channels: int
    sampwidth: int
    framerate: int


def read_wav(data: bytes) -> tuple[WavFormat, bytes]:
    with wave.open(io.BytesIO(data), "rb") as w:
        return WavFormat(w.getnchannels(), w.getsampwidth(), w.getframerate()), w.readframes(w.getnframes())


def write_wav(fmt: WavFormat, frames: bytes) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(fmt.channels)
        w.setsampwidth(fmt.sampwidth)
        w.setframerate(fmt.framerate)
        w.writeframes(frames)
    return buf.getvalue()


def silence(fmt: WavFormat, seconds: float) -> bytes:
    return b"\x00" * (int(fmt.framerate * seconds) * fmt.channels * fmt.sampwidth)


def concat(clips: Sequence[bytes], gap_s: float = 0.05) -> bytes:
    """One WAV of the clips in order, with a short pause between; all must share one format."""
    if not clips:
        raise ValueError("no clips to join")
    fmt, first = read_wav(clips[0])
    parts = [first]
    for clip in clips[1:]:
        f, frames = read_wav(clip)
        if f != fmt:
            raise ValueError(f"clip format {f} differs from {fmt}")
        parts += [silence(fmt, gap_s), frames]
    return write_wav(fmt, b"".join(parts))


def duration_s(data: bytes) -> float:
    fmt, frames = read_wav(data)
    return len(frames) / (fmt.framerate * fmt.channels * fmt.sampwidth)


def rms(data: bytes) -> float:
    """Root mean square of 16-bit samples, 0..32767 (0 for silence)."""
    fmt, frames = read_wav(data)
    if fmt.sampwidth != 2 or not frames:
        raise ValueError("rms needs 16-bit PCM")
    samples = array("h", frames)
    return math.sqrt(sum(s * s for s in samples) / len(samples))
