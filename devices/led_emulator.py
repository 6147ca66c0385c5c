"""A virtual LED sign on a pty: records what it shows, answers ACK / NAK like the real one."""

from __future__ import annotations

import threading
from pathlib import Path

from devices import led_protocol as proto
from devices.errors import ProtocolError
from devices.pty_twin import PtyTwin


class LedSignEmulator:
    def __init__(self, link: Path | None = None, addr: int = 1) -> None:
        self.twin, self.addr = PtyTwin(link), addr
        self.shown = ""
        self.history: list[str] = []
        self.bad_frames = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"serial://{self.twin.path}?baud=9600&addr={self.addr}"

    def start(self) -> LedSignEmulator:
        self.twin.plug()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="led-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
        self.twin.unplug()

    def _handle(self, raw: bytes) -> None:
        try:
            addr, cmd, text = proto.parse(raw)
        except ProtocolError:
            self.bad_frames += 1
            self.twin.write(bytes([proto.NAK, self.addr]))
            return
        if addr not in (self.addr, proto.BROADCAST):
            return  # another sign on the line
        self.shown = text if cmd == proto.SHOW else ""
        self.history.append(self.shown)
        self.twin.write(bytes([proto.ACK, self.addr]))

    def _run(self) -> None:
        buf = bytearray()
        while not self._stop.is_set():
            buf += self.twin.read(0.05)
            while (start := buf.find(bytes([proto.STX]))) >= 0:
                del buf[:start]
                end = buf.find(bytes([proto.ETX]), 3)  # ADDR and CMD may be any byte
                if end < 0 or len(buf) < end + 2:
                    break
                self._handle(bytes(buf[: end + 2]))
                del buf[: end + 2]
            if len(buf) > 1024 and buf.find(bytes([proto.STX])) < 0:
                buf.clear()
