"""Atomic file writes: a reader (the broker on SIGHUP, the server on reload) sees old or new, never half.

Secrets are born 0600: the temp file is created with that mode, so there is no moment where
the content sits world-readable. When an existing file is replaced, its owner is kept, so a
broker running as another user (`user mosquitto`) can still read what root rewrote.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

SECRET = 0o600
PUBLIC = 0o644


def write_atomic(path: Path, data: bytes | str, mode: int = SECRET) -> None:
    body = data.encode("utf-8") if isinstance(data, str) else data
    owner = None
    with contextlib.suppress(FileNotFoundError):
        st = path.stat()
        owner = (st.st_uid, st.st_gid)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp already makes it 0600; public files are widened here
        if owner is not None and os.geteuid() == 0:
            os.fchown(fd, *owner)
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
