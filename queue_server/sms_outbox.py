"""Texts out of the worker thread: what is due goes to a sender thread; what was sent comes back
to the worker, which records it with the ticket in the store at its next commit.

A crash after sending and before the record is committed resends under the same message id,
which the gateway delivers once (docs/web.md: "at most once per message").
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Protocol

from hallcore.alerts import CALLED, PASSED, Due, sweep, text_of
from hallcore.hall import Hall
from hallcore.model import Changes
from hallcore.phone import BadPhone, unseal

log = logging.getLogger(__name__)
RETRY_S = 5.0


class Sender(Protocol):
    def send(self, message_id: str, to: str, text: str) -> None: ...


class SmsOutbox:
    def __init__(self, hall: Callable[[], Hall], sender: Sender | None) -> None:
        self.hall, self.sender = hall, sender
        self.todo: queue.SimpleQueue[tuple[Due, str, str] | None] = queue.SimpleQueue()
        self.done: queue.SimpleQueue[Due] = queue.SimpleQueue()
        self.queued: set[str] = set()  # message ids handed to the sender and not yet back
        self.thread = threading.Thread(target=self._run, name="sms-sender", daemon=True)

    def start(self) -> None:
        if self.sender is not None:
            self.thread.start()
            self._queue(None)  # after a restart: whatever the state says is due and not sent

    def stop(self) -> None:
        self.todo.put(None)

    # -- worker thread -----------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        hall = self.hall()
        if changes.bookings:
            self._closures(hall, changes)
        if not hall.alerts:
            return
        groups = {t.group for t in changes.tickets.values()} | {g for w in changes.windows.values() for g in w.groups}
        ids = [tid for tid in hall.alerts if tid in changes.tickets or tid in changes.alerts
               or (t := hall.tickets.get(tid)) is not None and t.group in groups]
        self._queue(ids)

    def _closures(self, hall: Hall, changes: Changes) -> None:
        """One text per booking a closure day cancelled (hallcore/bookings.py); the booking's id keys it."""
        from hallcore.bookings import closure_texts

        for b, text in closure_texts(hall, changes.bookings):
            d = Due(b.id, "closed", "", 0, None)
            try:
                phone = unseal(hall.config.web.seal_key, "booking", b.phone_sealed or "")
                if self.sender is not None and d.message_id not in self.queued:
                    self.queued.add(d.message_id)
                    self.todo.put((d, phone, text))
            except BadPhone:
                log.warning("booking %s: its phone does not open; not told", b.id)
            b.phone_sealed = None  # told (or not to be told): the number goes, as with a ticket's
            hall.changes.bookings[b.id] = b

    def _queue(self, ids: list[str] | None) -> None:
        hall = self.hall()
        due, erase = sweep(hall, hall.alerts, ids)
        for d in due if self.sender is not None else []:  # without a gateway: erasures only
            if d.message_id in self.queued:
                continue
            try:
                phone = unseal(hall.config.web.seal_key, d.ticket, hall.alerts[d.ticket].phone_sealed)
            except BadPhone:
                log.warning("alert of %s does not open; erased", d.ticket)
                erase.append(d.ticket)
                continue
            w = hall.windows.get(d.window or "")
            name = hall.config.name
            text = text_of(d, name.zh, name.en, w.label.zh if w else "", w.label.en if w else "")
            self.queued.add(d.message_id)
            self.todo.put((d, phone, text))
        for tid in erase:
            if hall.alerts.pop(tid, None) is not None:
                hall.changes.alerts[tid] = None  # the phone number is gone with the ticket

    def settle(self) -> bool:
        """Record what the sender sent (on the worker thread); True when the hall changed."""
        hall, changed = self.hall(), False
        while True:
            try:
                d = self.done.get_nowait()
            except queue.Empty:
                return changed
            self.queued.discard(d.message_id)
            a = hall.alerts.get(d.ticket)
            if a is None:
                continue
            if d.kind == CALLED:
                a.called_sent = True
            elif d.kind == PASSED:
                a.passed_sent = True
            else:
                a.near_sent = True
            hall.changes.alerts[d.ticket] = a
            changed = True

    # -- sender thread -----------------------------------------------------
    def _run(self) -> None:
        assert self.sender is not None
        while True:
            job = self.todo.get()
            if job is None:
                return
            d, phone, text = job
            while True:
                try:
                    self.sender.send(d.message_id, phone, text)
                    log.info("sms %s sent", d.message_id)  # the id, never the number
                    self.done.put(d)
                    break
                except Exception as exc:  # noqa: BLE001 - any failure of the gateway: logged, retried
                    log.warning("sms %s not sent, retrying: %s", d.message_id, exc)
                    time.sleep(RETRY_S)


def flush(outbox: SmsOutbox, hall: Hall, commit: Callable[[Changes], None]) -> None:
    """Between batches: record what was sent, and erasures, in the store now."""
    outbox.settle()
    if hall.changes.alerts:
        commit(hall.take_changes())


def make_outbox(hall: Callable[[], Hall]) -> SmsOutbox:
    from queue_server.sms import HttpSms

    web = hall().config.web
    return SmsOutbox(hall, HttpSms(web.sms_url, web.sms_key) if web.sms_url else None)
