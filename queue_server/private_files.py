"""The store's files are the server user's alone: they hold citizen keys, masked names and answers.

hall.db, its -wal and -shm, and every backup are created 0600 (a umask of 077 while they are
made; SQLite then gives -wal and -shm the database's own mode, whatever the umask later). A store
made before this rule, 0644, is tightened when opened. A file naming the PostgreSQL database (with
its password) is read only if nobody else can read it, as libpq does with its password file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from queue_server.store_errors import StoreError

UMASK = 0o077
SIDECARS = ("", "-wal", "-shm", "-journal")


@contextlib.contextmanager
def umask_private() -> Iterator[None]:
    # process-wide for the moment it lasts: another thread's file made meanwhile is private too, never wider
    old = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(old)


def tighten(db: str | Path) -> None:
    """hall.db and its sidecars to at most 0600, when they exist (a store made 0644 before)."""
    if str(db) in ("", ":memory:"):
        return
    for suffix in SIDECARS:
        p = Path(f"{db}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(p.stat().st_mode)
            if mode & UMASK:
                os.chmod(p, mode & ~UMASK)


def read_url_file(path: str | Path) -> str:
    """The database URL in `path`, refused when the file is group or world readable, or not ours."""
    p = Path(path)
    try:
        st = p.stat()
        text = p.read_text("utf-8").strip()
    except OSError as exc:
        raise StoreError(f"cannot read the database URL file {p}: {exc.strerror}") from exc
    if st.st_mode & UMASK:
        raise StoreError(f"{p} is readable by others (mode {stat.S_IMODE(st.st_mode):04o}); it holds the "
                         f"database password: chmod 600 {p}")
    if st.st_uid != os.geteuid():
        raise StoreError(f"{p} belongs to another user; the server reads only its own database URL file")
    if not text.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{p} must hold one postgresql:// URL")
    return text
