"""One fuzz example: a fresh service on an in-memory store, batches in, checks after each."""

from __future__ import annotations

from datetime import datetime

from hallbus.envelope import encode_request
from hallcore.clock import FakeClock
from hallcore.config import HallConfig
from queue_server.service import QueueService
from queue_server.store_sqlite import SqliteStore
from queue_server.stores import Store
from tests.fuzz import checks
from tests.fuzz.strategies import CONFIG, CONFIG_TZ

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=CONFIG_TZ).timestamp()
WARM_UP = [("kiosk-01", encode_request(f"w{i}", "ticket.issue", {"matter": m}))
           for i, m in enumerate(["hukou-transfer", "re-transfer", "hukou-transfer", "pension-certify"])]
WARM_UP += [(w, encode_request("w-open", "window.open")) for w in ("win-01", "win-07", "win-12")]


def new_service(store: Store | None = None, config: HallConfig = CONFIG) -> QueueService:
    return QueueService(config, store or SqliteStore(":memory:", config.id), FakeClock(T0))


def run(batches: list[tuple[int, list[tuple[str, bytes]]]], warm: bool, restart_check: bool = True,
        store: Store | None = None, config: HallConfig = CONFIG) -> int:
    """Apply (seconds to wait, batch) pairs; returns how many requests went in."""
    svc = new_service(store, config)
    clock = svc.clock
    assert isinstance(clock, FakeClock)
    seen: dict[tuple[str, str], bytes] = {}
    if warm:
        checks.check_answers(WARM_UP, svc.handle_batch(WARM_UP), seen)
    count = 0
    for wait_s, items in batches:
        clock.advance(wait_s)
        result = svc.handle_batch(items)
        count += len(items)
        checks.check_answers(items, result, seen)
        checks.check_hall(svc.hall)
    if restart_check:
        checks.check_restart(svc)
    svc.store.close()
    return count
