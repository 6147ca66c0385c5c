"""The store interface the service needs, and opening one from a URL or path."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from hallcore import visit_ops
from hallcore.hall import Hall
from hallcore.model import Changes, Evaluation, Ticket
from hallcore.restore import Snapshot
from hallcore.visits import VisitSnapshot, window_start
from queue_server.private_files import read_url_file


class Store(Protocol):
    def load(self, day: str, now: float) -> tuple[Snapshot, dict[tuple[str, str], bytes]]: ...
    def commit(self, changes: Changes, responses: list[tuple[str, str, bytes, float]]) -> None: ...
    def history(self, day: str) -> tuple[list[Ticket], list[Evaluation]]: ...
    def visit_snapshot(self, day: str, since: str) -> VisitSnapshot: ...  # 1.1: queue_server/store_visits.py
    def close(self) -> None: ...


def restore_visits(hall: Hall, store: Store) -> None:
    """The visits' part of a restore: the 跑动次数 window's visits and the open cases (hallcore/visit_ops.py)."""
    since = window_start(hall.day, hall.config.visits.window_days)
    visit_ops.restore(hall, store.visit_snapshot(hall.day, since))


def open_store(spec: str, hall: str) -> Store:
    """`postgresql://...` opens the shared PostgreSQL store; anything else is a SQLite file.

    `@FILE` reads the URL from FILE, which must be 0600 and the server user's: a URL on the
    command line, password and all, is visible to every user of the box in `ps`.
    """
    if spec.startswith("@"):
        spec = read_url_file(spec[1:])
    if spec.startswith(("postgresql://", "postgres://")):
        from queue_server.store_pg import PgStore
        return PgStore(spec, hall)
    from queue_server.store_sqlite import SqliteStore
    Path(spec).parent.mkdir(parents=True, exist_ok=True)
    return SqliteStore(spec, hall)
