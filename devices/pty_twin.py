"""A pty standing in for a serial device, behind a stable symlink that survives a replug."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import tty
from pathlib import Path


class PtyTwin:
    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self.master = self.slave = -1
        self.slave_path = ""

    @property
    def path(self) -> str:
        return str(self.link) if self.link else self.slave_path

    def plug(self) -> None:
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)
        self.slave_path = os.ttyname(self.slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self.slave_path)
            tmp.replace(self.link)

    def unplug(self) -> None:
        for fd in (self.master, self.slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.master = self.slave = -1

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def read(self, timeout: float) -> bytes:
        """What the host wrote, or b"" after `timeout` seconds."""
        if self.master < 0 or not select.select([self.master], [], [], timeout)[0]:
            return b""
        try:
            return os.read(self.master, 4096)
        except OSError:
            return b""
