"""The `visits` and `cases` tables: a ticket's several matters and outcomes, and the cases they opened.

Same SQL for SQLite and PostgreSQL (`?` placeholders; the PostgreSQL store swaps them). A visits
row exists only for a ticket with more than one matter, an outcome or a case: a v1 ticket costs
nothing more. Neither table holds a name or a phone; the citizen key stays in `tickets`, where
the retention rule erases it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hallcore.cases import Case, CaseStatus
from hallcore.model import Changes, Ticket
from hallcore.visits import Outcome, VisitRow, VisitSnapshot
from queue_server.store_sql import upsert

DDL = [
    """CREATE TABLE IF NOT EXISTS visits (
        hall TEXT NOT NULL, ticket TEXT NOT NULL, day TEXT NOT NULL, matters TEXT NOT NULL, outcomes TEXT NOT NULL,
        case_no TEXT, PRIMARY KEY (hall, ticket))""",
    """CREATE TABLE IF NOT EXISTS cases (
        hall TEXT NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL, ticket TEXT NOT NULL, matter TEXT NOT NULL,
        department TEXT NOT NULL, day TEXT NOT NULL, created_at REAL NOT NULL, pickup INTEGER NOT NULL,
        status TEXT NOT NULL, updated_at REAL NOT NULL, note TEXT, pickup_ticket TEXT, PRIMARY KEY (hall, id))""",
    "CREATE INDEX IF NOT EXISTS cases_status ON cases (hall, status)",
]
CASE_COLS = ("hall", "id", "number", "ticket", "matter", "department", "day", "created_at", "pickup", "status",
             "updated_at", "note", "pickup_ticket")
UPSERT_VISIT = upsert("visits", ("hall", "ticket", "day", "matters", "outcomes", "case_no"), ("hall", "ticket"))
UPSERT_CASE = upsert("cases", CASE_COLS, ("hall", "id"))
# today's and still-open tickets' visits rows
SELECT_VISITS = "SELECT ticket, matters, outcomes, case_no FROM visits WHERE hall = ? AND day >= ?"
# the 跑动次数 window: every ticket since `since`, with its visits row where it has one
SELECT_LOG = ("SELECT t.id, t.day, t.issued_at, t.citizen_key, t.matter, v.matters, v.outcomes FROM tickets t "
              "LEFT JOIN visits v ON v.hall = t.hall AND v.ticket = t.id "
              "WHERE t.hall = ? AND t.day >= ? AND t.day < ?")
SELECT_CASES = f"SELECT {', '.join(CASE_COLS[1:])} FROM cases WHERE hall = ? AND status <> ?"


def _outcomes_json(t: Ticket) -> str:
    return json.dumps({m: o.to_wire() for m, o in t.outcomes.items()}, ensure_ascii=False)


def _outcomes(text: str | None) -> dict[str, Outcome]:
    return {m: Outcome.from_wire(o) for m, o in json.loads(text or "{}").items()}


def write(executemany: Callable[[str, Sequence[tuple[Any, ...]]], Any], hall: str, changes: Changes,
          sql: Callable[[str], str] = lambda s: s) -> None:
    visits = [(hall, t.id, t.day, json.dumps(list(t.matters)), _outcomes_json(t), t.case)
              for t in changes.tickets.values() if len(t.matters) > 1 or t.outcomes or t.case]
    if visits:
        executemany(sql(UPSERT_VISIT), visits)
    cases = [(hall, c.id, c.number, c.ticket, c.matter, c.department, c.day, c.created_at, int(c.pickup),
              c.status.value, c.updated_at, c.note, c.pickup_ticket) for c in changes.cases.values()]
    if cases:
        executemany(sql(UPSERT_CASE), cases)


def snapshot(execute: Callable[[str, tuple[Any, ...]], Iterable[Sequence[Any]]], hall: str, day: str, since: str,
             open_since: str, sql: Callable[[str], str] = lambda s: s) -> VisitSnapshot:
    snap = VisitSnapshot()
    for tid, ms, outs, case in execute(sql(SELECT_VISITS), (hall, open_since)):
        snap.tickets[tid] = (tuple(json.loads(ms)), _outcomes(outs), case)
    for tid, d, at, key, matter, ms, outs in execute(sql(SELECT_LOG), (hall, since, day)):
        snap.log.append(VisitRow(tid, d, float(at), key, tuple(json.loads(ms)) if ms else (matter,), _outcomes(outs)))
    for row in execute(sql(SELECT_CASES), (hall, CaseStatus.COLLECTED.value)):
        (cid, number, ticket, matter, dept, d, created, pickup, status, updated, note, pt) = row
        snap.cases.append(Case(cid, number, ticket, matter, dept, d, float(created), bool(pickup),
                               CaseStatus(status), float(updated), note, pt))
    return snap
