"""A serial evaluator keypad: keys '1'..'5' (and Enter/'#') arrive as bytes; pyserial stays in here.

`open_keypad(url)` accepts anything `serial.serial_for_url` does (/dev/ttyUSB0, a pty,
`rfc2217://host:port`, `loop://`). Serial errors become `KeypadError`; the reader
thread reopens the port after a fault, so an unplugged keypad never stops the screen.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

import serial

log = logging.getLogger(__name__)
KEYS = frozenset("12345#\r\n")


class KeypadError(Exception):
    """The keypad's serial port could not be opened or read."""


def open_keypad(url: str, baudrate: int = 9600) -> serial.SerialBase:
    try:
        return serial.serial_for_url(url, baudrate=baudrate, timeout=0.2)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise KeypadError(f"cannot open keypad {url}: {exc}") from exc


def keys_of(data: bytes) -> list[str]:
    """The keys in a chunk of bytes; anything else (noise, other bytes) is dropped."""
    return [chr(b) for b in data if chr(b) in KEYS]


class KeypadReader:
    def __init__(self, url: str, on_key: Callable[[str], None], retry_s: float = 2.0) -> None:
        self.url, self.on_key, self.retry_s = url, on_key, retry_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="keypad", daemon=True)
        self.port: serial.SerialBase | None = None

    def start(self) -> KeypadReader:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.port = self.port or open_keypad(self.url)
                data = self._read(self.port)
            except KeypadError as exc:
                log.warning("%s; retrying in %.0fs", exc, self.retry_s)
                self._close()
                self._stop.wait(self.retry_s)
                continue
            for key in keys_of(data):
                self.on_key(key)
        self._close()

    def _read(self, port: serial.SerialBase) -> bytes:
        try:
            return bytes(port.read(16))
        except (serial.SerialException, OSError) as exc:
            raise KeypadError(f"keypad {self.url} read failed: {exc}") from exc

    def _close(self) -> None:
        if self.port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                self.port.close()
            self.port = None
