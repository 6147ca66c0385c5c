"""A display's view of the hall: the retained state topics, redrawn from the broker."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from hallbus.mqtt import BrokerSpec, Connection
from tests.faults.tally import Query


class StateView:
    def __init__(self, url: str, name: str) -> None:
        self.state: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.conn = Connection(BrokerSpec.from_url(url), name)
        self.conn.subscribe("hall/demo/state/#", self._on_state)
        self.conn.start(wait=10)

    def _on_state(self, topic: str, payload: bytes) -> None:
        with self.lock:
            self.state[topic.rsplit("/", 1)[1]] = json.loads(payload)

    def wait_for(self, *names: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if all(n in self.state for n in names):
                    return dict(self.state)
            time.sleep(0.02)
        raise TimeoutError(f"no retained {names} after {timeout}s")

    def stop(self) -> None:
        self.conn.stop()


def from_store(query: Query) -> tuple[dict[str, int], dict[str, tuple[str, str | None]]]:
    """Waiting per group, and (status, current number) per window, as the store has them."""
    waiting = dict(query("SELECT grp, count(*) FROM tickets WHERE hall = 'demo' "
                                "AND status IN ('waiting', 'transferred') GROUP BY grp"))
    windows = {w: (s, n) for w, s, n in query(
        "SELECT w.id, w.status, t.number FROM windows w LEFT JOIN tickets t ON t.hall = w.hall AND t.id = w.ticket "
        "WHERE w.hall = 'demo'")}
    return waiting, windows


def drawn(state: dict[str, Any]) -> tuple[dict[str, int], dict[str, tuple[str, str | None]]]:
    waiting = {g["group"]: g["waiting"] for g in state["queues"]["groups"] if g["waiting"]}
    windows = {w["id"]: (w["status"], w["ticket"]) for w in state["windows"]["windows"]}
    return waiting, windows


def check_drawn(query: Query, views: list[StateView]) -> None:
    """Each view draws what the store holds: waiting per group, each window's status and number."""
    want_waiting, want_windows = from_store(query)
    for view in views:
        waiting, windows = drawn(view.wait_for("queues", "windows", "calls", "catalog"))
        assert waiting == want_waiting, (view.conn.client_id, waiting, want_waiting)
        assert windows == {w: want_windows.get(w, ("closed", None)) for w in windows}, view.conn.client_id
