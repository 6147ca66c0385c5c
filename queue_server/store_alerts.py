"""The `alerts` and `remote_tickets` tables: 'tell me when' subscriptions with their sent marks, beside the tickets.

Same SQL for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL store swaps them).
The phone is stored sealed (AES-GCM, hallcore/phone.py) and the row is deleted with the ticket.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hallcore.alerts import Alert
from hallcore.model import Changes
from hallcore.remote import RemoteTicket
from queue_server.store_sql import upsert

DDL = """CREATE TABLE IF NOT EXISTS alerts (
    hall TEXT NOT NULL, ticket TEXT NOT NULL, phone_sealed TEXT NOT NULL, at_ahead INTEGER NOT NULL,
    near_sent INTEGER NOT NULL DEFAULT 0, called_sent INTEGER NOT NULL DEFAULT 0,
    passed_sent INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (hall, ticket))"""
UPSERT = upsert("alerts", ("hall", "ticket", "phone_sealed", "at_ahead", "near_sent", "called_sent", "passed_sent"),
                ("hall", "ticket"))
DELETE = "DELETE FROM alerts WHERE hall = ? AND ticket = ?"
SELECT = "SELECT ticket, phone_sealed, at_ahead, near_sent, called_sent, passed_sent FROM alerts WHERE hall = ?"
REMOTE_DDL = """CREATE TABLE IF NOT EXISTS remote_tickets (
    hall TEXT NOT NULL, ticket TEXT NOT NULL, phone_key TEXT NOT NULL, grp TEXT NOT NULL, day TEXT NOT NULL,
    checked_in INTEGER NOT NULL DEFAULT 0, passed_at REAL, PRIMARY KEY (hall, ticket))"""
UPSERT_REMOTE = upsert("remote_tickets", ("hall", "ticket", "phone_key", "grp", "day", "checked_in", "passed_at"),
                       ("hall", "ticket"))
SELECT_REMOTE = "SELECT ticket, phone_key, grp, day, checked_in, passed_at FROM remote_tickets WHERE hall = ? AND day = ?"


def split(hall: str, changes: dict[str, Any]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(rows to upsert, keys to delete) from `Changes.alerts`."""
    ups = [(hall, a.ticket, a.phone_sealed, a.at_ahead, int(a.near_sent), int(a.called_sent), int(a.passed_sent))
           for a in changes.values() if a is not None]
    dels = [(hall, tid) for tid, a in changes.items() if a is None]
    return ups, dels


def write(executemany: Callable[[str, Sequence[tuple[Any, ...]]], Any], hall: str, changes: Changes,
          sql: Callable[[str], str] = lambda s: s) -> None:
    """The phone side's part of one commit: alerts and remote tickets."""
    remote = [(hall, r.ticket, r.phone_key, r.group, r.day, int(r.checked_in), r.passed_at)
              for r in changes.remote.values()]
    if remote:
        executemany(sql(UPSERT_REMOTE), remote)
    ups, dels = split(hall, changes.alerts)
    if ups:
        executemany(sql(UPSERT), ups)
    if dels:
        executemany(sql(DELETE), dels)


def rows_to_alerts(rows: Iterable[Sequence[Any]]) -> list[Alert]:
    return [Alert(t, p, int(n), bool(ns), bool(cs), bool(ps)) for t, p, n, ns, cs, ps in rows]


def rows_to_remote(rows: Iterable[Sequence[Any]]) -> list[RemoteTicket]:
    return [RemoteTicket(t, k, g, d, bool(c), p) for t, k, g, d, c, p in rows]
