"""`hallq store`: the store's upkeep while the server runs.

    hallq store backup --db PATH --out FILE
        an online, consistent copy of the SQLite store (sqlite3's backup API)
    hallq store erase-keys --db PATH|postgresql://... --hall ID --days N [--timezone TZ]
        retention: citizen keys of tickets older than N days are erased; the tickets stay for figures
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from queue_server.store_errors import StoreError


def cutoff_day(days: int, timezone: str, now: float | None = None) -> str:
    """The first day whose keys are kept: a ticket of an earlier day is older than `days` days."""
    today = datetime.fromtimestamp(time.time() if now is None else now, ZoneInfo(timezone)).date()
    return (today - timedelta(days=days)).isoformat()


def backup(db: str, out: str, hall: str = "-") -> int:
    from queue_server.store_sqlite import SqliteStore

    if not Path(db).is_file():
        raise StoreError(f"no store at {db}")
    store = SqliteStore(db, hall)
    try:
        store.backup(out)
        return int(store.execute("SELECT count(*) FROM tickets")[0][0])
    finally:
        store.close()


def erase_keys(db: str, hall: str, before_day: str) -> int:
    if db.startswith("@"):  # the URL in a 0600 file, as for `hallq server --db @FILE`
        from queue_server.private_files import read_url_file
        db = read_url_file(db[1:])
    if db.startswith(("postgresql://", "postgres://")):
        from queue_server.store_pg import PgStore

        pg = PgStore(db, hall, own=False)  # maintenance: the running server keeps the hall
        try:
            return pg.erase_citizen_keys(before_day)
        finally:
            pg.close()
    from queue_server.store_sqlite import SqliteStore

    if not Path(db).is_file():
        raise StoreError(f"no store at {db}")
    store = SqliteStore(db, hall)
    try:
        return store.erase_citizen_keys(before_day)
    finally:
        store.close()


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq store", description="backup and retention of the queue store")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("backup", help="online backup of the SQLite store while the server runs")
    b.add_argument("--db", required=True)
    b.add_argument("--out", required=True)
    e = sub.add_parser("erase-keys", help="erase citizen keys older than N days (tickets stay)")
    e.add_argument("--db", required=True, help="SQLite file, postgresql://..., or @FILE holding the URL (0600)")
    e.add_argument("--hall", required=True, help="hall id")
    e.add_argument("--days", required=True, type=int, help="keep the keys of the last N days")
    e.add_argument("--timezone", default="Asia/Shanghai", help="the hall's timezone, for its days")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        if args.cmd == "backup":
            n = backup(args.db, args.out)
            print(f"backed up {args.db} to {args.out}: {n} tickets")
            return 0
        if args.days < 0:
            print("hallq store: --days must be 0 or more", file=sys.stderr)
            return 2
        before = cutoff_day(args.days, args.timezone)
        n = erase_keys(args.db, args.hall, before)
        print(f"erased the citizen keys of {n} tickets of hall {args.hall} from before {before}")
        return 0
    except (StoreError, OSError, ZoneInfoNotFoundError) as exc:
        print(f"hallq store: {exc}", file=sys.stderr)
        return 2
