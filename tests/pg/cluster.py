"""Find a PostgreSQL to test against, or start a throwaway one; None (and why) when neither works."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from tests.support.broker import free_port, wait_port

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def reachable(url: str) -> str | None:
    """None when a session can be had, else the reason."""
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return hits[-1] if hits else None


class Throwaway:
    """initdb + pg_ctl on a free port in a temp dir (as user postgres when run as root)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="hallq-pg-"))
        self.port = free_port()
        self.prefix: list[str] = []
        self.pg_ctl = _bin("pg_ctl")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> str | None:
        initdb = _bin("initdb")
        if initdb is None or self.pg_ctl is None:
            return "no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin"
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                return "running as root and no runuser to start PostgreSQL as user postgres"
            self.prefix = [runuser, "-u", "postgres", "--"]
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        try:
            subprocess.run([*self.prefix, initdb, "-D", str(data), "-U", "postgres", "-A", "trust"],
                           check=True, capture_output=True, timeout=120)
            opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
            subprocess.run([*self.prefix, self.pg_ctl, "-D", str(data), "-o", opts, "-l",
                            str(self.dir / "log"), "-w", "start"], check=True, capture_output=True, timeout=60)
            wait_port(self.port)
        except (OSError, subprocess.SubprocessError, TimeoutError) as exc:
            return f"could not start a throwaway PostgreSQL: {exc}"
        return reachable(self.url)

    def stop(self) -> None:
        if self.pg_ctl is not None and (self.dir / "data").exists():
            subprocess.run([*self.prefix, self.pg_ctl, "-D", str(self.dir / "data"), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
