"""The window's LED sign: `show(text)` / `clear()` over serial, each frame acknowledged.

Synchronous and short: the window console calls it off its UI thread. A sign that does not
acknowledge raises DeviceUnavailable; the next call reopens the port (a replugged sign).
"""

from __future__ import annotations

import time
from typing import Protocol

from devices import led_protocol as proto
from devices.errors import DeviceUnavailable, ProtocolError
from devices.serial_port import SerialPort
from devices.urls import parse_url, serial_params


class LedSign(Protocol):
    def show(self, text: str) -> None: ...
    def clear(self) -> None: ...


class SerialLedSign:
    def __init__(self, url: str, timeout: float = 0.5, retries: int = 2) -> None:
        path, baud = serial_params(url, 9600)
        self.addr = parse_url(url).int_param("addr", 1)
        self.port, self.timeout, self.retries = SerialPort(path, baud, timeout=0.05), timeout, retries

    def __repr__(self) -> str:
        return f"SerialLedSign({self.port.path!r}, addr={self.addr})"

    def show(self, text: str) -> None:
        self._send(proto.frame(self.addr, proto.SHOW, proto.encode_text(text)))

    def clear(self) -> None:
        self._send(proto.frame(self.addr, proto.CLEAR))

    def close(self) -> None:
        self.port.close()

    def _send(self, data: bytes) -> None:
        last: Exception | None = None
        for _ in range(self.retries + 1):  # a NAK (line noise) is worth one more try
            try:
                if not self.port.is_open:
                    self.port.open()
                self.port.reset_input()
                self.port.write(data)
                self._await_ack()
                return
            except (DeviceUnavailable, ProtocolError) as exc:
                last = exc
        if isinstance(last, DeviceUnavailable):
            raise last
        raise DeviceUnavailable(f"LED sign {self.port.path} did not acknowledge: {last}") from last

    def _await_ack(self) -> None:
        got, deadline = b"", time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            got += self.port.read()
            for i in range(len(got) - 1):
                if got[i] in (proto.ACK, proto.NAK) and got[i + 1] in (self.addr, proto.BROADCAST):
                    if got[i] == proto.NAK:
                        raise ProtocolError("LED sign refused the frame")
                    return
        raise ProtocolError("LED sign did not answer")


def open_led_sign(url: str) -> SerialLedSign:
    """serial:///dev/ttyUSB1?baud=9600&addr=3"""
    return SerialLedSign(url)
