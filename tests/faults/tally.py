"""Counts of the fault run from what the devices were told and what the store holds."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.faults.workers import Kiosk, WindowClerk

Query = Callable[[str], list[tuple[Any, ...]]]


def store_query(db: Path | str) -> Query:
    """Read-only SQL against the server's store: a SQLite file or a postgresql:// URL."""
    def run(sql: str) -> list[tuple[Any, ...]]:
        if str(db).startswith("postgresql://"):
            import psycopg

            with psycopg.connect(str(db)) as pg:
                return list(pg.execute(sql).fetchall())
        conn = sqlite3.connect(db)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    return run


@dataclass
class Tally:
    requested: int = 0
    answered_ok: int = 0
    refused: int = 0
    issued: int = 0  # tickets in the store
    lost: int = 0  # answered to a kiosk, missing from the store
    duplicated: int = 0  # one number handed to two requests
    extra: int = 0  # tickets in the store that no kiosk answer names (a request done twice)
    called: int = 0
    called_twice: int = 0
    never_called: int = 0
    not_done: int = 0
    window_anomalies: int = 0
    kiosk_tries: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def count(query: Query, kiosks: list[Kiosk], clerks: list[WindowClerk]) -> tuple[Tally, list[str]]:
    t, notes = Tally(), []
    answers = [(rid, r) for k in kiosks for rid, r in k.answers.items()]
    t.requested = sum(k.count for k in kiosks)
    t.kiosk_tries = sum(k.tries[0] for k in kiosks)
    ok = {rid: r.result["ticket"] for rid, r in answers if r.ok}
    t.answered_ok, t.refused = len(ok), len(answers) - len(ok)
    notes += [f"refused {rid}: {r.error_code}" for rid, r in answers if not r.ok][:5]
    rows = {tid: (num, status, kiosk) for tid, num, status, kiosk in
            query("SELECT id, number, status, kiosk FROM tickets WHERE hall = 'demo'")}
    t.issued = len(rows)
    lost = [x["id"] for x in ok.values() if x["id"] not in rows]
    t.lost = len(lost)
    notes += [f"lost {x}" for x in lost[:5]]
    by_number = Counter(x["number"] for x in ok.values())
    t.duplicated = sum(c - 1 for c in by_number.values() if c > 1)
    named = {x["id"] for x in ok.values()}
    t.extra = len(set(rows) - named)
    notes += [f"extra {tid} {rows[tid]}" for tid in sorted(set(rows) - named)[:5]]
    calls = Counter(num for c in clerks for _, num in c.calls)
    t.called = len(calls)
    t.called_twice = sum(1 for c in calls.values() if c > 1)
    notes += [f"called twice {n}" for n, c in calls.items() if c > 1][:5]
    t.never_called = sum(1 for num, _, _ in rows.values() if num not in calls)
    t.not_done = sum(1 for _, status, _ in rows.values() if status != "done")
    t.window_anomalies = sum(len(c.anomalies) for c in clerks)
    notes += [a for c in clerks for a in c.anomalies][:5]
    return t, notes
