"""The other side of hole 5: the server must never publish more than the broker carries, or the
broker drops the answer and the device waits for ever. A day's evaluations, all of them, grow past
the limit: the server answers that it is too much instead, and a narrower question still works."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hallbus.envelope import encode_request
from hallbus.limits import MAX_MESSAGE
from hallcore.clock import FakeClock
from hallcore.hallfile import load_hall
from queue_server.service import QueueService
from queue_server.store_sqlite import SqliteStore

IDS = itertools.count()
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()  # the demo hall's timezone


def _ask(svc: QueueService, items: list[tuple[str, str, dict[str, object]]]) -> list[dict[str, Any]]:
    # request ids are idempotency keys: each one new, or the stored answer comes back
    batch = [(device, encode_request(f"{device}-{next(IDS)}", op, args)) for device, op, args in items]
    return [json.loads(body) for _, body in svc.handle_batch(batch).responses]


def test_an_answer_over_the_bus_limit_is_refused_with_a_reason(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    svc = QueueService(load_hall("demo"), SqliteStore(tmp_path / "hall.db", "demo"), clock)
    _ask(svc, [("win-01", "window.open", {})])
    n = 0
    while n * 140 < MAX_MESSAGE * 1.1:  # an evaluation on the wire is about 140 bytes
        steps = []
        for _ in range(200):
            steps += [("kiosk-01", "ticket.issue", {"matter": "hukou-transfer"}), ("win-01", "call.next", {}),
                      ("win-01", "ticket.finish", {})]
        for r in _ask(svc, steps):
            assert r["ok"], r
        done = [t for t in svc.hall.tickets.values() if t.status.value == "done"][n:]
        for r in _ask(svc, [("eval-01", "evaluation.submit", {"ticket": t.number, "score": 5}) for t in done]):
            assert r["ok"], r
        n += len(done)
    (everything,) = _ask(svc, [("mgr-01", "evaluation.list", {"max_score": 5})])
    assert everything["ok"] is False and everything["error"]["code"] == "bad_request"
    assert f"over the bus limit of {MAX_MESSAGE}" in everything["error"]["message"]
    (bad_only,) = _ask(svc, [("mgr-01", "evaluation.list", {})])  # the bad ratings: none here
    assert bad_only["ok"] is True and bad_only["result"]["evaluations"] == []
    svc.store.close()
