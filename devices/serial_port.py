"""Serial ports for every serial device here: opening, reading, writing, with pyserial's
errors mapped to DeviceUnavailable, and one reconnecting reader thread they all share.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from devices.errors import DeviceError, DeviceUnavailable

log = logging.getLogger(__name__)


class SerialPort:
    def __init__(self, path: str, baud: int, timeout: float = 0.1) -> None:
        self.path, self.baud, self.timeout = path, baud, timeout
        self._port: Any = None

    def open(self) -> None:
        import serial

        try:
            self._port = serial.Serial(self.path, self.baud, timeout=self.timeout, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceUnavailable(f"serial port {self.path}: {exc}") from exc

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # an unplugged port may fail to close; it is gone either way
                log.debug("closing %s failed", self.path, exc_info=True)

    def _io(self, fn: Callable[[Any], Any]) -> Any:
        import termios

        import serial

        if self._port is None:
            raise DeviceUnavailable(f"serial port {self.path} is not open")
        try:
            return fn(self._port)
        except (serial.SerialException, OSError, termios.error, TypeError, AttributeError) as exc:
            # termios.error: a flush on an unplugged pty; TypeError/AttributeError: pyserial's
            # own read on a port closed under it
            self.close()
            raise DeviceUnavailable(f"serial port {self.path}: {exc}") from exc

    def read(self, size: int = 4096) -> bytes:
        """What arrived within the timeout (maybe nothing)."""
        return bytes(self._io(lambda p: p.read(max(1, min(size, p.in_waiting or 1)))))

    def write(self, data: bytes) -> None:
        self._io(lambda p: (p.write(data), p.flush()))

    def reset_input(self) -> None:
        self._io(lambda p: p.reset_input_buffer())


class ReconnectingLoop:
    """A daemon thread that keeps a port open (retrying every `retry_s`) and runs `step`.

    After a failed step it waits before the next, doubling up to `max_backoff_s` while the
    failures go on; the same error again is reported once, not once per retry."""

    def __init__(self, port: SerialPort, name: str, retry_s: float = 0.5,
                 on_error: Callable[[DeviceError], None] | None = None, max_backoff_s: float = 5.0) -> None:
        self.port, self.name, self.retry_s, self.max_backoff_s = port, name, retry_s, max_backoff_s
        self.on_error = on_error or (lambda exc: log.warning("%s: %s", name, exc))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def start(self, step: Callable[[], None]) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(step,), name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(3)
        self.port.close()

    def wait(self, seconds: float) -> bool:
        """Sleep unless stopped; False once stopped."""
        return not self._stop.wait(seconds)

    @property
    def running(self) -> bool:
        return not self._stop.is_set()

    def _run(self, step: Callable[[], None]) -> None:
        reported = False
        last, backoff = "", self.retry_s
        while self.running:
            if not self.port.is_open:
                try:
                    self.port.open()
                    log.info("%s: connected to %s", self.name, self.port.path)
                    self.connected.set()
                    reported = False
                except DeviceUnavailable as exc:
                    if not reported:  # one report per outage, not one per retry
                        self.on_error(exc)
                        reported = True
                    self.wait(self.retry_s)
                    continue
            try:
                step()
                last, backoff = "", self.retry_s
            except DeviceUnavailable as exc:
                self.connected.clear()
                self.on_error(exc)
                reported = True
                self.wait(self.retry_s)
            except DeviceError as exc:
                said = f"{type(exc).__name__}: {exc}"
                if said != last:
                    self.on_error(exc)
                else:
                    backoff = min(backoff * 2, self.max_backoff_s)
                last = said
                self.wait(backoff)
