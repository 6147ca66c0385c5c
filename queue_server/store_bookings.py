"""The `bookings` and `booking_blocks` tables (预约), beside the tickets, in the same commit.

Same SQL for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL store swaps them). A booking
row holds the citizen's salted key and masked name, never an ID number; the phone only sealed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from hallcore.bookings import Block, Booking
from hallcore.model import Changes
from queue_server.store_sql import upsert

KEPT_DAYS = 366  # bookings loaded back: enough for any no-show window a hall file sets
COLS = ("hall", "id", "grp", "matter", "day", "start_at", "end_at", "citizen_key", "name_masked", "code",
        "status", "created_at", "phone_sealed", "ticket")
DDL = [
    """CREATE TABLE IF NOT EXISTS bookings (
        hall TEXT NOT NULL, id TEXT NOT NULL, grp TEXT NOT NULL, matter TEXT NOT NULL, day TEXT NOT NULL,
        start_at REAL NOT NULL, end_at REAL NOT NULL, citizen_key TEXT NOT NULL, name_masked TEXT,
        code TEXT NOT NULL, status TEXT NOT NULL, created_at REAL NOT NULL, phone_sealed TEXT, ticket TEXT,
        PRIMARY KEY (hall, id))""",
    "CREATE INDEX IF NOT EXISTS bookings_day ON bookings (hall, day)",
    """CREATE TABLE IF NOT EXISTS booking_blocks (
        hall TEXT NOT NULL, citizen_key TEXT NOT NULL, since REAL NOT NULL, until REAL NOT NULL,
        reason TEXT, lifted_at REAL, PRIMARY KEY (hall, citizen_key))""",
]
UPSERT = upsert("bookings", COLS, ("hall", "id"))
UPSERT_BLOCK = upsert("booking_blocks", ("hall", "citizen_key", "since", "until", "reason", "lifted_at"),
                      ("hall", "citizen_key"))
SELECT = f"SELECT {', '.join(COLS[1:])} FROM bookings WHERE hall = ? AND day >= ?"
SELECT_BLOCKS = "SELECT citizen_key, since, until, reason, lifted_at FROM booking_blocks WHERE hall = ?"


def write(executemany: Callable[[str, Sequence[tuple[Any, ...]]], Any], hall: str, changes: Changes,
          sql: Callable[[str], str] = lambda s: s) -> None:
    rows = [(hall, b.id, b.group, b.matter, b.day, b.start, b.end, b.citizen_key, b.name_masked, b.code,
             b.status, b.created_at, b.phone_sealed, b.ticket) for b in changes.bookings.values()]
    if rows:
        executemany(sql(UPSERT), rows)
    blocks = [(hall, k, b.since, b.until, b.reason, b.lifted_at) for k, b in changes.blocks.items()]
    if blocks:
        executemany(sql(UPSERT_BLOCK), blocks)


def since_day(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=KEPT_DAYS)).isoformat()


def rows_to_bookings(rows: Iterable[Sequence[Any]]) -> list[Booking]:
    return [Booking(i, g, m, d, s, e, k, n, c, st, at, p, t) for i, g, m, d, s, e, k, n, c, st, at, p, t in rows]


def rows_to_blocks(rows: Iterable[Sequence[Any]]) -> list[Block]:
    return [Block(k, s, u, r, lifted) for k, s, u, r, lifted in rows]
