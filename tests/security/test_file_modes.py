"""Hole 6: hall.db, -wal and -shm were created 0644, readable by every user of the box; they hold
citizen keys, masked names and stored answers. Now 0600, and so are backups; the PostgreSQL URL
(with its password) can come from a 0600 file instead of the command line, and a looser file is refused.

Processes run with umask 022, the usual default, so a file is private only because hallq makes it so.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from queue_server.store_errors import StoreError
from queue_server.store_sqlite import SqliteStore
from queue_server.stores import open_store
from tests.pg.conftest import hall_id, pg_server, pg_url  # noqa: F401 - fixtures
from tests.security.conftest import ROOT, Hall, Server


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _hallq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hallq", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, umask=0o022, timeout=60)


def test_the_running_servers_store_and_backup_are_private(hall: Hall, server: Server, tmp_path: Path) -> None:
    kiosk = hall.bus("kiosk-01")
    try:
        assert kiosk.request("ticket.issue", {"matter": "resident-id-renew", "citizen": {"name_masked": "张*"}}).ok
    finally:
        kiosk.stop()
    files = {p.name: _mode(p) for p in server.db.parent.iterdir() if p.name.startswith("hall.db")}
    assert set(files) >= {"hall.db", "hall.db-wal", "hall.db-shm"}
    assert files == dict.fromkeys(files, 0o600), files
    out = tmp_path / "backup.db"
    r = _hallq("store", "backup", "--db", str(server.db), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert _mode(out) == 0o600 and not (tmp_path / "backup.db-journal").exists()


def test_a_store_made_world_readable_before_is_tightened_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    old = os.umask(0o022)
    try:
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE t (x)")
        held = sqlite3.connect(db)  # keeps -wal and -shm in place while the store opens
        held.execute("SELECT * FROM t").fetchall()
    finally:
        os.umask(old)
    assert _mode(db) == 0o644 and _mode(Path(f"{db}-wal")) == 0o644
    store = SqliteStore(db, "demo")
    try:
        for name in ("old.db", "old.db-wal", "old.db-shm"):
            assert _mode(tmp_path / name) == 0o600, name
    finally:
        store.close()
        held.close()
        con.close()


def test_a_database_url_file_others_can_read_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "city-db.url"
    f.write_text("postgresql://hallq:secret-password@127.0.0.1:1/hallq\n")
    f.chmod(0o644)
    r = _hallq("server", "--hall", "demo", "--db", f"@{f}", "--broker", "mqtt://127.0.0.1:1")
    assert r.returncode == 2 and f"chmod 600 {f}" in r.stderr and "secret-password" not in r.stderr
    with pytest.raises(StoreError, match="readable by others"):
        open_store(f"@{f}", "demo")
    r = _hallq("store", "erase-keys", "--db", f"@{f}", "--hall", "demo", "--days", "30")
    assert r.returncode == 2 and "readable by others" in r.stderr


def test_a_private_database_url_file_opens_the_postgresql_store(tmp_path: Path, pg_url: str,  # noqa: F811
                                                               hall_id: str) -> None:  # noqa: F811
    f = tmp_path / "city-db.url"
    f.touch(mode=0o600)
    f.write_text(pg_url + "\n")
    store = open_store(f"@{f}", hall_id)
    try:
        assert type(store).__name__ == "PgStore"
    finally:
        store.close()
