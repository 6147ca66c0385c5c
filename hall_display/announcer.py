"""A queue of calls to say aloud, one at a time: announcements never overlap.

`Announcer` is the pure part: `submit` from any thread, `run_once` says the oldest
announcement (Mandarin, then English, `repeat` times) on the caller's thread.
`AnnouncerThread` is one worker that runs it. Time is injected (`clock`, `sleep`),
so tests run on a fake clock; speech goes through a `Speaker`, so a missing audio
device or a failing synthesiser is logged and never stops the display.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from hall_display.model import Call
from hall_display.speech_text import Utterance, utterances

log = logging.getLogger(__name__)


class Speaker(Protocol):
    def speak(self, utterance: Utterance) -> None:
        """Say it; return when it has been said (blocking)."""


class SpeechError(Exception):
    """A speaker could not synthesise or play an utterance."""


@dataclass(frozen=True, slots=True)
class Spoken:
    utterance: Utterance
    start: float
    end: float


class Announcer:
    def __init__(self, speaker: Speaker, repeat: int = 2, gap_s: float = 0.5,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 max_pending: int = 30) -> None:
        self.speaker, self.repeat, self.gap_s = speaker, max(1, repeat), gap_s
        self.clock, self.sleep = clock, sleep
        self.pending: deque[Call] = deque()
        self.max_pending = max_pending
        self.history: deque[Spoken] = deque(maxlen=200)
        self.cond = threading.Condition()

    def submit(self, call: Call) -> None:
        with self.cond:
            if len(self.pending) >= self.max_pending:
                dropped = self.pending.popleft()
                log.warning("announcement queue full: dropped %s to %s", dropped.ticket, dropped.window)
            self.pending.append(call)
            self.cond.notify()

    def run_once(self) -> bool:
        """Say the oldest pending announcement; False when there was none."""
        with self.cond:
            if not self.pending:
                return False
            call = self.pending.popleft()
        for n in range(self.repeat):
            for utt in utterances(call):
                start = self.clock()
                try:
                    self.speaker.speak(utt)
                except Exception:  # a voice must never take the display down
                    log.exception("could not say %r", utt.text)
                self.history.append(Spoken(utt, start, self.clock()))
                if self.gap_s > 0:
                    self.sleep(self.gap_s)
            log.debug("announced %s to %s (%d/%d)", call.ticket, call.window, n + 1, self.repeat)
        return True

    def wait(self, timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: bool(self.pending), timeout)


class AnnouncerThread:
    """The one worker that speaks: a single consumer is what keeps announcements apart."""

    def __init__(self, announcer: Announcer) -> None:
        self.announcer = announcer
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)

    def start(self) -> AnnouncerThread:
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self.announcer.cond:
            self.announcer.cond.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.announcer.wait(0.5) and not self._stop.is_set():
                self.announcer.run_once()
