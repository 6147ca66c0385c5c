"""The service layer: requests in, responses and state changes out, exactly once.

`handle_batch` takes every request that arrived together, applies each to the Hall,
then commits all their changes and responses in one transaction (group commit), and
only then hands back what to publish. A request id seen before gets its stored answer.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from hallbus import errors as E
from hallbus.envelope import BadEnvelope, error_response, ok_response, parse_request
from hallbus.errors import HallError
from hallbus.limits import MAX_MESSAGE
from hallbus.schemas import OPS, validate_args
from hallcore import rules_time
from hallcore.bookings import apply_closures
from hallcore.clock import Clock
from hallcore.config import HallConfig
from hallcore.hall import Hall
from hallcore.model import Changes
from hallcore.restore import restore
from queue_server.handlers import HANDLERS, Ctx
from queue_server.store_sqlite import RESPONSE_TTL_S
from queue_server.stores import Store, restore_visits

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchResult:
    responses: list[tuple[str, bytes]] = field(default_factory=list)  # (device, payload)
    changes: Changes = field(default_factory=Changes)


class QueueService:
    def __init__(self, config: HallConfig, store: Store, clock: Clock) -> None:
        self.config, self.store, self.clock = config, store, clock
        self.hall = Hall(config)
        now = clock.now()
        snap, self.answered = store.load(self.hall.time.day(now), now)
        restore(self.hall, snap, now)
        restore_visits(self.hall, self.store)
        self.hall.roll_day(now)
        self.hall.take_changes()
        apply_closures(self.hall)  # a day closed since bookings were made: stored and texted at the next tick
        self._expiry: deque[tuple[float, tuple[str, str]]] = deque((now, k) for k in self.answered)
        log.info("hall %s restored: %d tickets today, %d answered requests kept",
                 config.id, len(self.hall.by_number), len(self.answered))

    def reload(self, config: HallConfig) -> None:
        """A new hall file (SIGHUP): same tickets, new catalog, windows and devices."""
        hall = Hall(config)
        now = self.clock.now()
        snap, _ = self.store.load(hall.time.day(now), now)
        restore(hall, snap, now)
        restore_visits(hall, self.store)
        hall.take_changes()
        apply_closures(hall)
        self.config, self.hall = config, hall

    def _history(self, day: str) -> tuple[list[Any], list[Any]]:
        if day == self.hall.day:
            return list(self.hall.tickets.values()), list(self.hall.evaluations.values())
        return self.store.history(day)

    def _answer(self, device: str, payload: bytes, now: float) -> tuple[str, bytes, bool]:
        """The request id, its response, and whether the response is new (to be stored)."""
        try:
            req = parse_request(payload)
        except BadEnvelope as exc:
            log.warning("bad request from %s: %s", device, exc.message)
            if exc.request_id is None:
                raise
            key = (device, exc.request_id)
            if key in self.answered:
                return exc.request_id, self.answered[key], False
            return exc.request_id, error_response(exc.request_id, exc), True
        key = (device, req.id)
        if key in self.answered:
            return req.id, self.answered[key], False
        try:
            role = self.config.role_of(device)
            op = OPS.get(req.op)
            if op is None:
                raise HallError(E.UNKNOWN_OP, f"no operation {req.op!r}")
            if role is None or role not in op.roles:
                raise HallError(E.NOT_ALLOWED, f"{device} ({role or 'unknown device'}) may not {req.op}")
            validate_args(op, req.args)
            result = HANDLERS[req.op](Ctx(self.hall, now, device, role, req.args, self._history))
            body = ok_response(req.id, result)
            if len(body) > MAX_MESSAGE:  # the broker would drop it and the device wait for ever
                raise HallError(E.BAD_REQUEST, f"the answer is {len(body)} bytes, over the bus limit of "
                                               f"{MAX_MESSAGE}: ask for less (a day, a score)")
            return req.id, body, True
        except HallError as exc:
            log.info("%s %s from %s refused: %s", req.op, req.id, device, exc.code)
            return req.id, error_response(req.id, exc), True
        except Exception:
            log.exception("%s %s from %s failed", req.op, req.id, device)
            return req.id, error_response(req.id, HallError(E.INTERNAL, "the server failed on this request")), True

    def handle_batch(self, items: list[tuple[str, bytes]]) -> BatchResult:
        now = self.clock.now()
        out = BatchResult()
        fresh: list[tuple[str, str, bytes, float]] = []
        for device, payload in items:
            try:
                rid, body, new = self._answer(device, payload, now)
            except BadEnvelope:
                continue  # no usable id: logged and dropped, as the contract says
            out.responses.append((device, body))
            if new:
                self.answered[(device, rid)] = body
                self._expiry.append((now, (device, rid)))
                fresh.append((device, rid, body, now))
        out.changes = self.hall.take_changes()
        if out.changes or fresh:
            self.store.commit(out.changes, fresh)
        self._expire(now)
        return out

    def _expire(self, now: float) -> None:
        while self._expiry and self._expiry[0][0] < now - RESPONSE_TTL_S:
            self.answered.pop(self._expiry.popleft()[1], None)

    def tick(self) -> Changes:
        """Time passing alone changes the hall (midnight, park limit, missed calls); persist that too."""
        self.hall.roll_day(self.clock.now())
        rules_time.tick(self.hall, self.clock.now())
        changes = self.hall.take_changes()
        if changes:
            self.store.commit(changes, [])
        return changes
