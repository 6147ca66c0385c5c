"""The gateway's side of the bus: requests as awaitables, and the pushes pages listen to.

Paho calls back on its own thread; everything crosses to the event loop with
`call_soon_threadsafe`. Nothing here is ticket state of its own: the retained state topics and
the last `event/ticket` per ref are caches, rebuilt from the bus after a restart.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from hallbus.envelope import Response

log = logging.getLogger(__name__)
MAX_LISTENERS_PER_REF = 16  # one citizen's phone, maybe a family's: not a thousand tabs
MAX_RECENT = 20000


class Bus(Protocol):
    """hallbus.client.BusClient fits."""

    def request_async(self, op: str, args: dict[str, Any] | None = None, callback: Any = None,
                      timeout: float = 10.0, request_id: str | None = None) -> str: ...
    def subscribe(self, topic: str, handler: Any) -> None: ...


class Hub:
    def __init__(self, bus: Bus, state_topic: str, event_topic: str, timeout_s: float = 5.0,
                 max_listeners: int = MAX_LISTENERS_PER_REF) -> None:
        self.bus, self.timeout_s, self.max_listeners = bus, timeout_s, max_listeners
        self.loop: asyncio.AbstractEventLoop | None = None
        self.state: dict[str, dict[str, Any]] = {}  # "catalog" | "queues" | "windows" -> last retained body
        self.listeners: dict[str, set[asyncio.Queue[dict[str, Any]]]] = {}
        self.recent: OrderedDict[str, dict[str, Any]] = OrderedDict()  # ref -> last event, for reconnects
        self.events_seen = 0
        bus.subscribe(state_topic, self._on_state)
        bus.subscribe(event_topic, self._on_event)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    # -- requests ----------------------------------------------------------
    async def request(self, op: str, args: dict[str, Any], at_answer: Callable[[], None] | None = None) -> Response:
        """`at_answer` runs on the loop the moment the answer lands, before any later push: a page
        that listens before it asks can drop the pushes older than its answer, and keep the newer."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Response] = loop.create_future()

        def land(resp: Response) -> None:
            if not done.done():
                if at_answer is not None:
                    at_answer()
                done.set_result(resp)

        def answered(resp: Response) -> None:
            loop.call_soon_threadsafe(land, resp)

        self.bus.request_async(op, args, answered, self.timeout_s)
        return await done

    # -- pushes (paho's thread) --------------------------------------------
    def _on_state(self, topic: str, payload: bytes) -> None:
        name = topic.rsplit("/", 1)[-1]
        try:
            body = json.loads(payload)
        except ValueError:
            log.warning("unreadable %s", topic)
            return
        if isinstance(body, dict):
            self.state[name] = body  # one reference swap: readers on the loop see old or new, whole

    def _on_event(self, topic: str, payload: bytes) -> None:
        try:
            body = json.loads(payload)
            ref = body["ticket"]["ref"]
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable ticket event")
            return
        if isinstance(ref, str) and self.loop is not None:
            self.loop.call_soon_threadsafe(self._dispatch, ref, body)

    # -- the loop ----------------------------------------------------------
    def _dispatch(self, ref: str, body: dict[str, Any]) -> None:
        self.events_seen += 1
        self.recent[ref] = body
        self.recent.move_to_end(ref)
        while len(self.recent) > MAX_RECENT:
            self.recent.popitem(last=False)
        for q in self.listeners.get(ref, ()):
            if q.full():  # a page that does not read: it only needs the newest
                q.get_nowait()
            q.put_nowait(body)

    def listen(self, ref: str) -> asyncio.Queue[dict[str, Any]] | None:
        """A queue of this ref's events, or None when the ref has too many listeners already."""
        qs = self.listeners.setdefault(ref, set())
        if len(qs) >= self.max_listeners:
            return None
        q: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=64)
        qs.add(q)
        return q

    def unlisten(self, ref: str, q: asyncio.Queue[dict[str, Any]]) -> None:
        qs = self.listeners.get(ref)
        if qs is not None:
            qs.discard(q)
            if not qs:
                del self.listeners[ref]

    @property
    def connections(self) -> int:
        return sum(len(qs) for qs in self.listeners.values())
