"""The city store: many halls on one PostgreSQL database, every row keyed by hall (psycopg 3).

The Hall lives in the server's memory, so only one server may own a hall at a time:
- active/standby: a server first takes the hall's advisory lock,
  `pg_try_advisory_lock(hashtext('hallq:' || hall))`, on a session of its own. A second server
  for the same hall polls for it and waits as a hot standby; when the first dies its session
  ends, the lock is freed, and the standby loads the hall and carries on numbering.
- fencing: on taking over, the new owner bumps `hall_owner.epoch`; every commit reads the
  epoch `FOR SHARE` inside its transaction and fails if it moved. So an old owner that lost
  its lock session (network, database restart) can never write after the standby loaded.
psycopg errors become StoreError here; the server fail-stops on one and a restart recovers.

A commit is one round trip (psycopg's pipeline mode): BEGIN, the fence, one executemany per table
and COMMIT go out together, and the fence is checked inside the database (`hallq_fence` raises),
so nothing waits for the epoch to travel back before the writes are sent. Statements are prepared
on first use: a commit sends only parameters.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import time
from typing import Any

import psycopg

from hallcore.model import AT_WINDOW, QUEUED, Changes, Evaluation, Ticket
from hallcore.restore import Snapshot
from hallcore.visits import VisitSnapshot
from queue_server import store_alerts as A
from queue_server import store_bookings as B
from queue_server import store_sql as Q
from queue_server import store_visits as V
from queue_server.store_errors import StoreError, StoreFenced
from queue_server.store_sqlite import RESPONSE_TTL_S

log = logging.getLogger(__name__)
POLL_S = 0.25
OWNER_DDL = """CREATE TABLE IF NOT EXISTS hall_owner (
    hall TEXT PRIMARY KEY, epoch BIGINT NOT NULL, owner TEXT NOT NULL, since DOUBLE PRECISION NOT NULL)"""
FENCED = "HQ001"  # our own SQLSTATE: the hall's epoch moved, another server owns it now
FENCE_DDL = f"""CREATE OR REPLACE FUNCTION hallq_fence(h TEXT, e BIGINT) RETURNS VOID AS $$
BEGIN
    PERFORM 1 FROM hall_owner WHERE hall = h AND epoch = e FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'hall % was taken over by another server', h USING ERRCODE = '{FENCED}';
    END IF;
END $$ LANGUAGE plpgsql"""


def pg(sql: str) -> str:
    """store_sql's SQLite dialect to PostgreSQL: %s placeholders, `window` quoted, 8-byte reals."""
    sql = re.sub(r"\bwindow\b", '"window"', sql.replace("?", "%s"))
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


def _clean(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """PostgreSQL text cannot hold NUL: in free text it becomes U+FFFD rather than stop the server."""
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in row)


def key_in(rid: str) -> str:
    """A request id is the idempotency key, so it must come back exact: NUL and backslash are escaped."""
    return rid.replace("\\", "\\\\").replace("\x00", "\\0")


def key_out(stored: str) -> str:
    return re.sub(r"\\([\\0])", lambda m: "\x00" if m.group(1) == "0" else "\\", stored)


SCHEMA_DDL = [*Q.DDL, OWNER_DDL, A.DDL, A.REMOTE_DDL, *B.DDL, *V.DDL]
SCHEMA_NAMES = [m.group(1) for m in (re.match(r"\s*CREATE (?:UNIQUE )?(?:TABLE|INDEX) IF NOT EXISTS (\w+)", stmt)
                                     for stmt in SCHEMA_DDL) if m]
_PG = {sql: pg(sql) for sql in (Q.UPSERT_TICKET, Q.UPSERT_WINDOW, Q.UPSERT_COUNTER, Q.UPSERT_EVAL,
                                 Q.INSERT_APPOINTMENT, Q.INSERT_RESPONSE)}


class PgStore:
    def __init__(self, url: str, hall: str, standby: bool = True, own: bool = True) -> None:
        """`own=False` opens for maintenance (history, retention) without taking the hall or writing it."""
        self.hall = hall
        self.key = f"hallq:{hall}"
        self.epoch = 0
        self.lock_conn: psycopg.Connection[Any] | None = None
        try:
            if own:
                self.lock_conn = psycopg.connect(url, autocommit=True, connect_timeout=5,
                                                 application_name=f"hallq-lock-{hall}")
                self._take_lock(self.lock_conn, standby)
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=5, application_name=f"hallq-{hall}",
                                      prepare_threshold=0)
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(hashtext('hallq:ddl'))")
                if not self._schema_in_place():
                    for stmt in SCHEMA_DDL:
                        self.db.execute(pg(stmt))
                    for table, col, decl in Q.ADDED_COLUMNS:
                        self.db.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {decl}")
                self.db.execute(FENCE_DDL)  # replacing a function locks no table
                if own:
                    self.epoch = self._claim()
        except (psycopg.Error, UnicodeError) as exc:
            raise StoreError(f"cannot open PostgreSQL store for hall {hall}: {exc}") from exc
        if own:
            log.info("hall %s: this server owns it (epoch %d)", hall, self.epoch)

    def _schema_in_place(self) -> bool:
        """Every table, index and added column there already. Then no DDL runs at all: even with IF NOT
        EXISTS, CREATE INDEX and ALTER TABLE lock their table, and a server starting beside running
        halls deadlocked with their commits (10 halls started together: 3 refused to start)."""
        row = self.db.execute("SELECT count(*) FROM unnest(%s::text[]) AS n WHERE to_regclass(n) IS NULL",
                              (SCHEMA_NAMES,)).fetchone()
        if row is None or row[0]:
            return False
        for table, col, _decl in Q.ADDED_COLUMNS:
            if self.db.execute("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                               "AND table_name = %s AND column_name = %s", (table, col)).fetchone() is None:
                return False
        return True

    def _take_lock(self, conn: psycopg.Connection[Any], standby: bool) -> None:
        announced = False
        while True:
            row = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (self.key,)).fetchone()
            if row and row[0]:
                return
            if not standby:
                raise StoreError(f"hall {self.hall} is served by another server (advisory lock held)")
            if not announced:
                log.warning("hall %s is served by another server: waiting as a hot standby", self.hall)
                announced = True
            time.sleep(POLL_S)

    def _claim(self) -> int:
        owner = f"{socket.gethostname()}:{os.getpid()}"
        row = self.db.execute(
            "INSERT INTO hall_owner (hall, epoch, owner, since) VALUES (%s, 1, %s, %s) ON CONFLICT (hall) "
            "DO UPDATE SET epoch = hall_owner.epoch + 1, owner = excluded.owner, since = excluded.since "
            "RETURNING epoch", (self.hall, owner, time.time())).fetchone()
        assert row is not None
        return int(row[0])

    def load(self, day: str, now: float) -> tuple[Snapshot, dict[tuple[str, str], bytes]]:
        h, snap = self.hall, Snapshot()
        open_status = [s.value for s in QUEUED | AT_WINDOW]
        try:
            with self.db.transaction():
                ex = self.db.execute
                rows = ex(pg(f"{Q.SELECT_TICKETS} AND (day = ? OR status = ANY(?))"), (h, day, open_status))
                snap.tickets = [Q.ticket_from(r) for r in rows]
                snap.windows = [(i, s, json.loads(g), t) for i, s, g, t in
                                ex("SELECT id, status, groups, ticket FROM windows WHERE hall = %s", (h,))]
                snap.counters = dict(ex("SELECT grp, seq FROM counters WHERE hall = %s AND day = %s", (h, day)))
                snap.appointments_used = {r[0] for r in
                                          ex("SELECT sig FROM appointments_used WHERE hall = %s", (h,))}
                snap.evaluations = [Q.eval_from(r) for r in ex(pg(f"{Q.SELECT_EVALS} AND day = ?"), (h, day))]
                snap.alerts = A.rows_to_alerts(ex(pg(A.SELECT), (h,)))
                snap.remote = A.rows_to_remote(ex(pg(A.SELECT_REMOTE), (h, day)))
                snap.bookings = B.rows_to_bookings(ex(pg(B.SELECT), (h, B.since_day(day))))
                snap.blocks = B.rows_to_blocks(ex(pg(B.SELECT_BLOCKS), (h,)))
                ex("DELETE FROM responses WHERE hall = %s AND at < %s", (h, now - RESPONSE_TTL_S))
                responses = {(d, key_out(r)): b.encode() for d, r, b in
                             ex("SELECT device, req_id, body FROM responses WHERE hall = %s", (h,))}
        except psycopg.Error as exc:
            raise StoreError(f"load failed: {exc}") from exc
        return snap, responses

    def commit(self, changes: Changes, responses: list[tuple[str, str, bytes, float]]) -> None:
        h = self.hall
        if self.lock_conn is None:
            raise StoreFenced(f"hall {h} was opened for maintenance; it takes no commits")
        try:
            writes = self._writes(changes, responses)
        except UnicodeError as exc:
            raise StoreError(f"commit failed: {exc}") from exc
        try:
            with self.db.pipeline(), self.db.transaction(), self.db.cursor() as cur:
                cur.execute("SELECT hallq_fence(%s, %s)", (h, self.epoch))
                for sql, rows in writes:
                    if rows:
                        cur.executemany(_PG[sql], rows)
                A.write(cur.executemany, h, changes, pg)
                B.write(cur.executemany, h, changes, pg)
                V.write(cur.executemany, h, changes, pg)
        except psycopg.Error as exc:
            if exc.sqlstate == FENCED:
                raise StoreFenced(f"hall {h} was taken over by another server; this one stops") from exc
            raise StoreError(f"commit failed: {exc}") from exc

    def _writes(self, changes: Changes, responses: list[tuple[str, str, bytes, float]]
                ) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """One statement per table, each with all of the batch's rows for it."""
        h = self.hall
        return [
            (Q.UPSERT_TICKET, [_clean(Q.ticket_row(h, t)) for t in changes.tickets.values()]),
            (Q.UPSERT_WINDOW, [Q.window_row(h, w) for w in changes.windows.values()]),
            (Q.UPSERT_COUNTER, [(h, d, g, s) for (d, g), s in changes.counters.items()]),
            (Q.UPSERT_EVAL, [_clean(Q.eval_row(h, e)) for e in changes.evaluations]),
            (Q.INSERT_APPOINTMENT, [(h, s, t) for s, t in changes.appointments_used.items()]),
            (Q.INSERT_RESPONSE, [(h, d, key_in(r), b.decode(), at) for d, r, b, at in responses]),
        ]

    def visit_snapshot(self, day: str, since: str) -> VisitSnapshot:
        try:
            with self.db.transaction():
                return V.snapshot(lambda q, a: list(self.db.execute(q, a)), self.hall, day, since, since, pg)
        except psycopg.Error as exc:
            raise StoreError(f"load failed: {exc}") from exc

    def history(self, day: str) -> tuple[list[Ticket], list[Evaluation]]:
        try:
            with self.db.transaction():
                tickets = [Q.ticket_from(r) for r in self.db.execute(pg(f"{Q.SELECT_TICKETS} AND day = ?"),
                                                                     (self.hall, day))]
                evals = [Q.eval_from(r) for r in self.db.execute(pg(f"{Q.SELECT_EVALS} AND day = ?"),
                                                                 (self.hall, day))]
        except psycopg.Error as exc:
            raise StoreError(f"history failed: {exc}") from exc
        return tickets, evals

    def erase_citizen_keys(self, before_day: str) -> int:
        """Retention: citizen keys older than the rule allows are erased, the tickets stay for figures."""
        try:
            with self.db.transaction():
                cur = self.db.execute("UPDATE tickets SET citizen_key = NULL WHERE hall = %s AND day < %s "
                                      "AND citizen_key IS NOT NULL", (self.hall, before_day))
                return cur.rowcount
        except psycopg.Error as exc:
            raise StoreError(f"erase failed: {exc}") from exc

    def close(self) -> None:
        for conn in (self.db, self.lock_conn):
            try:
                if conn is not None:
                    conn.close()
            except psycopg.Error:
                log.warning("closing a PostgreSQL connection failed", exc_info=True)
