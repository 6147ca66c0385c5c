"""The window's LED sign off the UI thread: `show`/`clear` return at once, a thread writes
the latest text (a slow or unplugged sign takes seconds to give up), and reports whether
the sign took it through `on_state(ok)` (on the worker thread: wrap it for the UI).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from window_console.ports import Sign

log = logging.getLogger(__name__)


class BackgroundSign:
    def __init__(self, sign: Sign, on_state: Callable[[bool], None] | None = None) -> None:
        self.sign, self.on_state = sign, on_state
        self._text: str | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="led-sign", daemon=True)

    def start(self) -> BackgroundSign:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(3)
        close = getattr(self.sign, "close", None)
        if callable(close):
            close()

    def show(self, text: str) -> None:
        with self._lock:
            self._text = text
        self._wake.set()

    def clear(self) -> None:
        self.show("")

    def _run(self) -> None:
        ok: bool | None = None
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                text, self._text = self._text, None
            if text is None or self._stop.is_set():
                continue
            try:
                self.sign.show(text) if text else self.sign.clear()
                now_ok = True
            except Exception as exc:  # noqa: BLE001 - logged; DeviceUnavailable, ProtocolError, OSError
                log.warning("LED sign: %s", exc)
                now_ok = False
            if now_ok != ok:
                ok = now_ok
                try:
                    if self.on_state is not None:  # set after the controller is built, before start()
                        self.on_state(ok)
                except Exception:  # the reporter failing must not end the sign's thread
                    log.exception("LED sign state callback failed")


def open_sign(url: str, on_state: Callable[[bool], None] | None = None) -> BackgroundSign:
    """The sign at `url` (devices.open_led_sign), written from a thread of its own."""
    from devices import open_led_sign

    return BackgroundSign(open_led_sign(url), on_state)
