"""A queue server over the demo hall plus a `[rules]` table, and waiting on retained state."""

from __future__ import annotations

import json
import queue
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hallbus.client import BusClient
from tests.core.rules_halls import rules_text
from tests.support.server import ServerProcess, client


@contextmanager
def rules_server(broker_url: str, tmp: Path, rules: str) -> Iterator[ServerProcess]:
    path = tmp / "rules_hall.toml"
    path.write_text(rules_text(rules), "utf-8")
    s = ServerProcess(broker_url, tmp / "rules.db", hall=str(path))
    probe = client(broker_url, "display-main")
    try:
        s.start(wait_client=probe)
    finally:
        probe.stop()
    try:
        yield s
    finally:
        s.stop()


def wait_state(c: BusClient, name: str, ok: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict[str, Any]:
    """The first publish of `state/<name>` that satisfies `ok`; fails with the last one seen."""
    got: queue.Queue[dict[str, Any]] = queue.Queue()
    c.subscribe(f"hall/demo/state/{name}", lambda _t, p: got.put(json.loads(p)))
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            last = got.get(timeout=0.2)
        except queue.Empty:
            continue
        if ok(last):
            return last
    raise AssertionError(f"state/{name} never matched; last: {last}")


def result(resp: Any) -> dict[str, Any]:
    assert resp.ok, (resp.error_code, resp.error_message)
    return resp.result  # type: ignore[no-any-return]
