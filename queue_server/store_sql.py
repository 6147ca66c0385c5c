"""Tables and row mapping shared by the SQLite and PostgreSQL stores.

Every table carries the hall id, so many halls can share one PostgreSQL database.
SQL is written once with `?` placeholders; the PostgreSQL store swaps them for `%s`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hallcore.model import Evaluation, Priority, Status, Ticket, Window

DDL = [
    """CREATE TABLE IF NOT EXISTS tickets (
        hall TEXT NOT NULL, id TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL, matter TEXT NOT NULL,
        grp TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL, issued_at REAL NOT NULL,
        queued_at REAL NOT NULL, called_at REAL, served_at REAL, finished_at REAL, window TEXT,
        target_window TEXT, recalls INTEGER NOT NULL DEFAULT 0, citizen_key TEXT, name_masked TEXT,
        appointment TEXT, outcome TEXT, note TEXT, kiosk TEXT, PRIMARY KEY (hall, id))""",
    "CREATE INDEX IF NOT EXISTS tickets_day ON tickets (hall, day)",
    "CREATE INDEX IF NOT EXISTS tickets_status ON tickets (hall, status)",
    """CREATE TABLE IF NOT EXISTS windows (
        hall TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL, groups TEXT NOT NULL, ticket TEXT,
        PRIMARY KEY (hall, id))""",
    """CREATE TABLE IF NOT EXISTS counters (
        hall TEXT NOT NULL, day TEXT NOT NULL, grp TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (hall, day, grp))""",
    """CREATE TABLE IF NOT EXISTS responses (
        hall TEXT NOT NULL, device TEXT NOT NULL, req_id TEXT NOT NULL, body TEXT NOT NULL, at REAL NOT NULL,
        PRIMARY KEY (hall, device, req_id))""",
    "CREATE INDEX IF NOT EXISTS responses_at ON responses (hall, at)",
    """CREATE TABLE IF NOT EXISTS evaluations (
        hall TEXT NOT NULL, ticket TEXT NOT NULL, window TEXT NOT NULL, score INTEGER NOT NULL,
        reasons TEXT NOT NULL, at REAL NOT NULL, day TEXT NOT NULL, follow_up TEXT,
        PRIMARY KEY (hall, ticket, window))""",
    """CREATE TABLE IF NOT EXISTS appointments_used (
        hall TEXT NOT NULL, sig TEXT NOT NULL, ticket TEXT NOT NULL, PRIMARY KEY (hall, sig))""",
]

# columns added after the first release: each store adds them to an existing database when it opens
ADDED_COLUMNS = [("tickets", "reactivated", "INTEGER NOT NULL DEFAULT 0")]

TICKET_COLS = ("hall", "id", "day", "number", "matter", "grp", "status", "priority", "issued_at", "queued_at",
               "called_at", "served_at", "finished_at", "window", "target_window", "recalls", "citizen_key",
               "name_masked", "appointment", "outcome", "note", "kiosk", "reactivated")


def upsert(table: str, cols: Sequence[str], keys: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    return (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")


UPSERT_TICKET = upsert("tickets", TICKET_COLS, ("hall", "id"))
UPSERT_WINDOW = upsert("windows", ("hall", "id", "status", "groups", "ticket"), ("hall", "id"))
UPSERT_COUNTER = upsert("counters", ("hall", "day", "grp", "seq"), ("hall", "day", "grp"))
UPSERT_EVAL = upsert("evaluations", ("hall", "ticket", "window", "score", "reasons", "at", "day", "follow_up"),
                     ("hall", "ticket", "window"))
INSERT_APPOINTMENT = "INSERT INTO appointments_used (hall, sig, ticket) VALUES (?, ?, ?)"
INSERT_RESPONSE = upsert("responses", ("hall", "device", "req_id", "body", "at"), ("hall", "device", "req_id"))
SELECT_TICKETS = f"SELECT {', '.join(TICKET_COLS[1:])} FROM tickets WHERE hall = ?"
SELECT_EVALS = "SELECT ticket, window, score, reasons, at, day, follow_up FROM evaluations WHERE hall = ?"


def ticket_row(hall: str, t: Ticket) -> tuple[Any, ...]:
    return (hall, t.id, t.day, t.number, t.matter, t.group, t.status.value, t.priority.value, t.issued_at,
            t.queued_at, t.called_at, t.served_at, t.finished_at, t.window, t.target_window, t.recalls,
            t.citizen_key, t.name_masked, t.appointment, t.outcome, t.note, t.kiosk, int(t.reactivated))


def ticket_from(row: Sequence[Any]) -> Ticket:
    (tid, day, number, matter, grp, status, prio, issued, queued, called, served, finished, window, target,
     recalls, ckey, masked, appt, outcome, note, kiosk, reactivated) = row
    return Ticket(id=tid, day=day, number=number, matter=matter, group=grp, priority=Priority(prio),
                  issued_at=issued, status=Status(status), called_at=called, served_at=served,
                  finished_at=finished, window=window, target_window=target, queued_at=queued, recalls=recalls,
                  citizen_key=ckey, name_masked=masked, appointment=appt, outcome=outcome, note=note, kiosk=kiosk,
                  reactivated=bool(reactivated))


def window_row(hall: str, w: Window) -> tuple[Any, ...]:
    return (hall, w.id, w.status.value, json.dumps(w.groups), w.ticket)


def eval_row(hall: str, e: Evaluation) -> tuple[Any, ...]:
    return (hall, e.ticket, e.window, e.score, json.dumps(e.reasons, ensure_ascii=False), e.at, e.day, e.follow_up)


def eval_from(row: Sequence[Any]) -> Evaluation:
    ticket, window, score, reasons, at, day, follow = row
    return Evaluation(ticket, window, score, json.loads(reasons), at, day, follow)
