"""`hallq server --pid-file PATH`: how `hallq provision ... --reload` finds the server to SIGHUP."""

from __future__ import annotations

import atexit
import contextlib
import os
from pathlib import Path


def write_pid_file(path: str) -> None:
    """Write our pid; at exit, however the server ends, remove the file if it is still ours."""
    p, mine = Path(path), f"{os.getpid()}\n"
    p.write_text(mine)

    def drop() -> None:
        with contextlib.suppress(OSError):
            if p.read_text() == mine:  # a server started since owns it now
                p.unlink()

    atexit.register(drop)
