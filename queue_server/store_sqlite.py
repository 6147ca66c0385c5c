"""The embedded store: SQLite in WAL mode with synchronous=FULL.

One `commit` is one transaction holding every change of a batch of requests together
with their responses, so a response is never sent for a change that is not on disk.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from hallcore.model import AT_WINDOW, QUEUED, Changes, Evaluation, Ticket
from hallcore.restore import Snapshot
from hallcore.visits import VisitSnapshot
from queue_server import store_alerts as A
from queue_server import store_bookings as B
from queue_server import store_sql as Q
from queue_server import store_visits as V
from queue_server.private_files import tighten, umask_private
from queue_server.store_errors import StoreError

log = logging.getLogger(__name__)
RESPONSE_TTL_S = 2 * 86400


class SqliteStore:
    def __init__(self, path: str | Path, hall: str) -> None:
        self.hall = hall
        try:
            tighten(path)  # before SQLite opens it: -wal and -shm take the database's mode
            with umask_private():
                self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.execute("PRAGMA busy_timeout=5000")
                for stmt in [*Q.DDL, A.DDL, A.REMOTE_DDL, *B.DDL, *V.DDL]:
                    self.db.execute(stmt)
                for table, col, decl in Q.ADDED_COLUMNS:
                    if col not in {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}:
                        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {col} {decl}")
        except OSError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc

    def load(self, day: str, now: float) -> tuple[Snapshot, dict[tuple[str, str], bytes]]:
        h, db = self.hall, self.db
        snap = Snapshot()
        open_status = tuple(s.value for s in QUEUED | AT_WINDOW)
        marks = ",".join("?" for _ in open_status)
        rows = db.execute(f"{Q.SELECT_TICKETS} AND (day = ? OR status IN ({marks}))", (h, day, *open_status))
        snap.tickets = [Q.ticket_from(r) for r in rows]
        snap.windows = [(i, s, json.loads(g), t) for i, s, g, t in
                        db.execute("SELECT id, status, groups, ticket FROM windows WHERE hall = ?", (h,))]
        snap.counters = dict(db.execute("SELECT grp, seq FROM counters WHERE hall = ? AND day = ?", (h, day)))
        snap.appointments_used = {r[0] for r in db.execute("SELECT sig FROM appointments_used WHERE hall = ?", (h,))}
        snap.evaluations = [Q.eval_from(r) for r in db.execute(f"{Q.SELECT_EVALS} AND day = ?", (h, day))]
        snap.alerts = A.rows_to_alerts(db.execute(A.SELECT, (h,)))
        snap.remote = A.rows_to_remote(db.execute(A.SELECT_REMOTE, (h, day)))
        snap.bookings = B.rows_to_bookings(db.execute(B.SELECT, (h, B.since_day(day))))
        snap.blocks = B.rows_to_blocks(db.execute(B.SELECT_BLOCKS, (h,)))
        db.execute("DELETE FROM responses WHERE hall = ? AND at < ?", (h, now - RESPONSE_TTL_S))
        responses = {(d, r): b.encode() for d, r, b in
                     db.execute("SELECT device, req_id, body FROM responses WHERE hall = ?", (h,))}
        return snap, responses

    def commit(self, changes: Changes, responses: list[tuple[str, str, bytes, float]]) -> None:
        h, db = self.hall, self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(Q.UPSERT_TICKET, [Q.ticket_row(h, t) for t in changes.tickets.values()])
            db.executemany(Q.UPSERT_WINDOW, [Q.window_row(h, w) for w in changes.windows.values()])
            db.executemany(Q.UPSERT_COUNTER, [(h, d, g, s) for (d, g), s in changes.counters.items()])
            db.executemany(Q.UPSERT_EVAL, [Q.eval_row(h, e) for e in changes.evaluations])
            db.executemany(Q.INSERT_APPOINTMENT, [(h, s, t) for s, t in changes.appointments_used.items()])
            A.write(db.executemany, h, changes)
            B.write(db.executemany, h, changes)
            V.write(db.executemany, h, changes)
            db.executemany(Q.INSERT_RESPONSE, [(h, d, r, b.decode(), at) for d, r, b, at in responses])
            db.execute("COMMIT")
        except (sqlite3.Error, ValueError) as exc:  # ValueError: text sqlite3 cannot encode
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreError(f"commit failed: {exc}") from exc

    def visit_snapshot(self, day: str, since: str) -> VisitSnapshot:
        return V.snapshot(self.db.execute, self.hall, day, since, since)

    def history(self, day: str) -> tuple[list[Ticket], list[Evaluation]]:
        tickets = [Q.ticket_from(r) for r in self.db.execute(f"{Q.SELECT_TICKETS} AND day = ?", (self.hall, day))]
        evals = [Q.eval_from(r) for r in self.db.execute(f"{Q.SELECT_EVALS} AND day = ?", (self.hall, day))]
        return tickets, evals

    def erase_citizen_keys(self, before_day: str) -> int:
        """Retention: citizen keys older than the rule allows are erased, the tickets stay for figures."""
        cur = self.db.execute("UPDATE tickets SET citizen_key = NULL WHERE hall = ? AND day < ? "
                              "AND citizen_key IS NOT NULL", (self.hall, before_day))
        return cur.rowcount

    def backup(self, dest: str | Path) -> None:
        """An online, consistent copy while the server runs (sqlite3's backup API)."""
        tighten(dest)
        with umask_private():
            target = sqlite3.connect(str(dest))
        try:
            self.db.backup(target)
        finally:
            target.close()
        tighten(dest)  # a backup holds what the store holds

    def close(self) -> None:
        self.db.close()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return list(self.db.execute(sql, params))
