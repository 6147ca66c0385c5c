"""A virtual ID card reader on a pty: the twin of a GA 467 serial reader.

It answers find / select / read with cards from a JSON fixture. A test lays a card on it,
lifts it, lifts it in the middle of a read, corrupts or truncates the next answer, unplugs
it and plugs it back. A stable symlink (like a udev by-id name) survives the replug.
"""

from __future__ import annotations

import json
import logging
import os
import pty
import select
import threading
import tty
from pathlib import Path
from typing import Any

from devices import idcard_protocol as proto
from devices.errors import ProtocolError

log = logging.getLogger(__name__)


def load_cards(path: Path) -> list[dict[str, str]]:
    cards: list[dict[str, str]] = json.loads(Path(path).read_text(encoding="utf-8"))
    return cards


class IdCardEmulator:
    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self.card: dict[str, str] | None = None
        self.lift_during_read = False
        self.fault: str | None = None  # "checksum" | "truncate" | "garble" for the next answer
        self.commands: list[bytes] = []
        self._master = self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.slave_path = ""

    @property
    def path(self) -> str:
        return str(self.link) if self.link else self.slave_path

    @property
    def url(self) -> str:
        return f"serial://{self.path}?baud=115200"

    def insert(self, card: dict[str, str] | None) -> None:
        self.card = card

    def remove(self) -> None:
        self.card = None

    def start(self) -> IdCardEmulator:
        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        self.slave_path = os.ttyname(self._slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self.slave_path)
            tmp.replace(self.link)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="idcard-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Unplug: the pty disappears under whoever has it open."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def _answer(self, body: bytes) -> bytes:
        cmd = body[:2]
        self.commands.append(cmd)
        if cmd == proto.FIND:
            return proto.response(proto.FOUND if self.card else proto.NO_CARD)
        if cmd == proto.SELECT:
            return proto.response(proto.OK if self.card else proto.SELECT_FAILED)
        if cmd == proto.READ_BASE:
            if self.card is None or self.lift_during_read:
                self.card, self.lift_during_read = None, False
                return proto.response(proto.READ_FAILED)
            return proto.response(proto.OK, proto.encode_base_info(self.card))
        return proto.response(0x21)  # unknown command

    def _damaged(self, out: bytes) -> bytes:
        fault, self.fault = self.fault, None
        if fault == "checksum":
            return out[:-1] + bytes([out[-1] ^ 0xFF])
        if fault == "truncate":
            return out[: len(out) // 2]
        if fault == "garble":
            return bytes(range(256))[::7] * 3
        return out

    def _run(self) -> None:
        frames = proto.FrameReader()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                return
            try:
                bodies: list[Any] = frames.feed(data)
            except ProtocolError:
                os.write(self._master, proto.response(proto.BAD_CHECKSUM))
                continue
            for body in bodies:
                os.write(self._master, self._damaged(self._answer(body)))
