"""The gateway's ear on the city broker: every hall's bridged retained state, for `/city`.

Read-only: one subscriber connection (its own client id), no requests. Paho's thread feeds the
board; each change bumps `version` on the event loop and wakes the pages that wait for it.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from typing import Any

from hallbus.city_state import CityBoard, city_filters, hall_row
from hallbus.mqtt import BrokerSpec, Connection


class CityHub:
    def __init__(self, spec: BrokerSpec, client_id: str | None = None) -> None:
        self.board = CityBoard(self._changed)
        self.conn = Connection(spec, client_id or f"hallq-city-web-{os.getpid()}-{uuid.uuid4().hex[:6]}")
        for topic in city_filters():
            self.conn.subscribe(topic, self.board.on_message)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.version = 0
        self.waiters: set[asyncio.Future[None]] = set()
        self.pages = 0  # live pages open now
        self.max_pages = 200  # staff pages: a few dozen; a thousand is a leak or an attack

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.conn.start()

    def stop(self) -> None:
        self.conn.stop()

    def _changed(self) -> None:  # paho's thread
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        self.version += 1
        for f in self.waiters:
            if not f.done():
                f.set_result(None)
        self.waiters.clear()

    async def wait(self, version: int, timeout: float) -> None:
        """Until `version` is old, or `timeout` (a hall goes stale by time alone)."""
        if self.version != version:
            return
        f: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiters.add(f)
        try:
            await asyncio.wait_for(f, timeout)
        except TimeoutError:
            pass
        finally:
            self.waiters.discard(f)

    def view(self) -> dict[str, Any]:
        now = time.time()
        rows = [hall_row(h, seen, now) for h, seen in sorted(self.board.snapshot().items())]
        return {"connected": self.conn.connected.is_set(), "halls": rows}
