"""Serial and USB-CDC barcode scanners: line-framed codes on a serial port.

A scanner sends each code followed by a terminator (CR by default). Noise is dropped with a
status rather than passed on: undecodable bytes, control characters, or a run longer than
`max_len` without a terminator (the buffer stays bounded). Unplug and replug are survived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from devices.errors import DeviceError
from devices.serial_port import ReconnectingLoop, SerialPort
from devices.urls import parse_url, serial_params, terminator

log = logging.getLogger(__name__)


class ScanStatus(StrEnum):
    OK = "ok"
    GARBLED = "garbled"  # a line that was not a printable code
    OVERFLOW = "overflow"  # too many bytes without a terminator; discarded
    DISCONNECTED = "disconnected"


class LineFramer:
    def __init__(self, term: bytes = b"\r", max_len: int = 1024) -> None:
        self.term, self.max_len = term, max_len
        self.buf = bytearray()
        self._skipping = False  # inside an overflowed run: drop bytes up to the next terminator

    def feed(self, data: bytes) -> list[str | ScanStatus]:
        """Codes and problems, in the order they arrived."""
        out: list[str | ScanStatus] = []
        self.buf += data
        while (i := self.buf.find(self.term)) >= 0:
            line, skipping = bytes(self.buf[:i]), self._skipping
            del self.buf[: i + len(self.term)]
            self._skipping = False
            if not skipping:
                out.append(self._code(line))
        if len(self.buf) > self.max_len:
            keep = len(self.term) - 1  # a terminator split across reads must survive
            del self.buf[: len(self.buf) - keep]
            if not self._skipping:
                out.append(ScanStatus.OVERFLOW)
            self._skipping = True
        return [x for x in out if x != ""]

    @staticmethod
    def _code(line: bytes) -> str | ScanStatus:
        line = line.strip(b"\r\n\t ")
        if not line:
            return ""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            return ScanStatus.GARBLED
        return text if text.isprintable() else ScanStatus.GARBLED


class SerialScanner:
    def __init__(self, url: str, max_len: int = 1024, retry_s: float = 0.5) -> None:
        path, baud = serial_params(url, 9600)
        self.url, self.port = url, SerialPort(path, baud, timeout=0.05)
        self.framer = LineFramer(terminator(url), max_len)
        self.retry_s = retry_s
        self.status = ScanStatus.DISCONNECTED
        self._loop: ReconnectingLoop | None = None

    def __repr__(self) -> str:
        return f"SerialScanner({self.url!r})"

    def start(self, on_code: Callable[[str], None],
              on_status: Callable[[ScanStatus], None] | None = None) -> None:
        def report(status: ScanStatus) -> None:
            self.status = status
            log.info("scanner %s: %s", self.port.path, status)
            if on_status is not None:
                on_status(status)

        def on_error(exc: DeviceError) -> None:
            log.warning("scanner %s: %s", self.port.path, exc)
            self.framer.buf.clear()  # half a code from before the unplug is no code
            report(ScanStatus.DISCONNECTED)

        def step() -> None:
            if self.status is ScanStatus.DISCONNECTED:
                report(ScanStatus.OK)
            for item in self.framer.feed(self.port.read()):
                if isinstance(item, ScanStatus):
                    report(item)
                else:
                    if self.status is not ScanStatus.OK:
                        report(ScanStatus.OK)
                    on_code(item)

        self._loop = ReconnectingLoop(self.port, "serial-scanner", self.retry_s, on_error)
        self._loop.start(step)

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.stop()


def is_serial_url(url: str) -> bool:
    return parse_url(url).scheme == "serial"
