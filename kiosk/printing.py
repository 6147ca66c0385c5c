"""Printing off the UI thread: one worker runs print jobs and polls the printer's status.

The device is anything with `print_receipt(receipt)` and `status()`; `render` turns a
TicketSlip into that device's receipt. Every result comes back through `done` / `on_status`
(on the worker's thread: the shell wraps them with `hallui.bridge.on_ui`).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.ports import (
    PRINTER_OFFLINE,
    PRINTER_OK,
    PRINTER_PAPER_LOW,
    PRINTER_PAPER_OUT,
    PrintDone,
    TicketSlip,
)

log = logging.getLogger(__name__)


class Device(Protocol):
    def print_receipt(self, receipt: Any) -> Any: ...
    def status(self) -> Any: ...


def normalize_status(raw: Any) -> str:
    """A device's status (a word, a mapping or an object with flags) as one of the kiosk's words."""
    if raw is None:
        return PRINTER_OFFLINE
    get: Callable[[str], Any] = raw.get if isinstance(raw, dict) else (lambda k: getattr(raw, k, None))
    if isinstance(raw, str):
        word = raw.lower()
    else:
        word = str(get("state") or get("status") or "").lower()
        if get("online") is False or get("ok") is False and not get("paper_out"):
            word = word or PRINTER_OFFLINE
        if get("paper_out") or get("paper_end"):
            word = PRINTER_PAPER_OUT
        elif get("paper_low") or get("paper_near_end"):
            word = word or PRINTER_PAPER_LOW
        word = word or PRINTER_OK
    if "low" in word or "near" in word:  # devices' PrinterStatus.PAPER_NEAR_END: still prints
        return PRINTER_PAPER_LOW
    if "paper" in word and ("out" in word or "end" in word or "empty" in word):
        return PRINTER_PAPER_OUT
    return PRINTER_OK if word in ("ok", "ready", "online") else PRINTER_OFFLINE


class PrintWorker:
    def __init__(self, device: Device, render: Callable[[TicketSlip], Any],
                 on_status: Callable[[str], None] | None = None, poll_s: float = 2.0) -> None:
        self.device, self.render, self.on_status, self.poll_s = device, render, on_status, poll_s
        self.jobs: queue.Queue[tuple[TicketSlip, PrintDone] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="kiosk-printer", daemon=True)
        self.last = ""

    def start(self) -> PrintWorker:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.jobs.put(None)
        self.thread.join(5)

    def submit(self, slip: TicketSlip, done: PrintDone) -> None:
        self.jobs.put((slip, done))

    def _status(self) -> str:
        try:
            s = normalize_status(self.device.status())
        except Exception as exc:  # noqa: BLE001 - logged; a device that cannot even answer is offline
            log.debug("printer status failed: %s", exc)
            s = PRINTER_OFFLINE
        if s != self.last:
            log.info("printer status %s", s)
            self.last = s
            if self.on_status is not None:  # set after the controller is built, before start()
                self.on_status(s)
        return s

    def _run(self) -> None:
        self._status()
        while True:
            try:
                job = self.jobs.get(timeout=self.poll_s)
            except queue.Empty:
                self._status()
                continue
            if job is None:
                return
            slip, done = job
            try:
                self.device.print_receipt(self.render(slip))
                ok = True
            except Exception as exc:  # noqa: BLE001 - logged; the ticket stays valid, offer reprint
                log.warning("print of %s failed: %s", slip.number, exc)
                ok = False
            status = self._status()
            done(ok, status if ok or status != PRINTER_OK else PRINTER_OFFLINE)
