"""The `alerts` table: 'tell me when' subscriptions with their sent marks, beside the tickets.

Same SQL for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL store swaps them).
The phone is stored sealed (AES-GCM, hallcore/phone.py) and the row is deleted with the ticket.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hallcore.alerts import Alert
from queue_server.store_sql import upsert

DDL = """CREATE TABLE IF NOT EXISTS alerts (
    hall TEXT NOT NULL, ticket TEXT NOT NULL, phone_sealed TEXT NOT NULL, at_ahead INTEGER NOT NULL,
    near_sent INTEGER NOT NULL DEFAULT 0, called_sent INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (hall, ticket))"""
UPSERT = upsert("alerts", ("hall", "ticket", "phone_sealed", "at_ahead", "near_sent", "called_sent"),
                ("hall", "ticket"))
DELETE = "DELETE FROM alerts WHERE hall = ? AND ticket = ?"
SELECT = "SELECT ticket, phone_sealed, at_ahead, near_sent, called_sent FROM alerts WHERE hall = ?"


def split(hall: str, changes: dict[str, Any]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(rows to upsert, keys to delete) from `Changes.alerts`."""
    ups = [(hall, a.ticket, a.phone_sealed, a.at_ahead, int(a.near_sent), int(a.called_sent))
           for a in changes.values() if a is not None]
    dels = [(hall, tid) for tid, a in changes.items() if a is None]
    return ups, dels


def write(executemany: Callable[[str, Sequence[tuple[Any, ...]]], Any], hall: str, changes: dict[str, Any],
          sql: Callable[[str], str] = lambda s: s) -> None:
    ups, dels = split(hall, changes)
    if ups:
        executemany(sql(UPSERT), ups)
    if dels:
        executemany(sql(DELETE), dels)


def rows_to_alerts(rows: Iterable[Sequence[Any]]) -> list[Alert]:
    return [Alert(t, p, int(n), bool(ns), bool(cs)) for t, p, n, ns, cs in rows]
