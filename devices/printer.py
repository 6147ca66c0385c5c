"""The ticket printer adapter: a `TicketPrinter` over python-escpos connections.

"How they travel" only: bytes come from `receipt.render_receipt`, this module moves them and
reads the status around each print. A connection is opened per job, so a printer that was
switched off, unplugged or restarted is simply found again on the next job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from devices.errors import DeviceUnavailable, InvalidURL, PrintFailed
from devices.printer_status import Q_OFFLINE_CAUSE, Q_PAPER, Q_PRINTER, PrinterStatus, decode_status
from devices.profiles import PrinterProfile, get_profile
from devices.receipt import Receipt, render_receipt
from devices.urls import parse_url

log = logging.getLogger(__name__)


class TicketPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> None: ...
    def status(self) -> PrinterStatus: ...


def _connection(url: str, timeout: float) -> tuple[Any, bool]:
    """(an unopened python-escpos connection, whether it can answer status queries)."""
    from escpos import printer as ep

    u = parse_url(url)
    if u.scheme == "tcp":
        if not u.host:
            raise InvalidURL(f"tcp printer URL without a host: {url!r}")
        return ep.Network(u.host, u.port or 9100, timeout=timeout), True
    if u.scheme == "serial":
        return ep.Serial(u.path, baudrate=u.int_param("baud", 9600), timeout=timeout), True
    if u.scheme == "usb":
        try:
            vendor, product = (int(x, 16) for x in url.split("://", 1)[1].split("?")[0].split(":"))
        except ValueError:
            raise InvalidURL(f"usb printer URL must be usb://VVVV:PPPP, got {url!r}") from None
        return ep.Usb(vendor, product, timeout=int(timeout * 1000)), True
    if u.scheme == "file":
        return ep.File(u.path), False
    raise InvalidURL(f"unknown printer URL scheme {u.scheme!r}")


class EscposPrinter:
    def __init__(self, url: str, profile: PrinterProfile, timeout: float = 2.0) -> None:
        _connection(url, timeout)  # fail on a bad URL now, not at the first ticket
        self.url, self.profile, self.timeout = url, profile, timeout

    def __repr__(self) -> str:
        return f"EscposPrinter({self.url!r}, {self.profile.name})"

    @contextmanager
    def _open(self) -> Iterator[tuple[Any, bool]]:
        from escpos.exceptions import Error as EscposError

        conn, readable = _connection(self.url, self.timeout)
        try:
            conn.open()
            yield conn, readable
        except (OSError, EscposError) as exc:  # TimeoutError, refused, reset, SerialException, USBError
            raise DeviceUnavailable(f"printer {self.url}: {type(exc).__name__}: {exc}") from exc
        finally:
            try:
                conn.close()
            except Exception:  # closing a dead connection may fail too; nothing left to do
                log.debug("closing %s failed", self.url, exc_info=True)

    @staticmethod
    def _query(conn: Any, readable: bool) -> PrinterStatus:
        if not readable:
            return PrinterStatus.OK  # a file cannot report; assume it takes bytes
        return decode_status(*(conn.query_status(q) for q in (Q_PRINTER, Q_OFFLINE_CAUSE, Q_PAPER)))

    def status(self) -> PrinterStatus:
        """One status for the kiosk; never raises (unreachable is `offline`)."""
        try:
            with self._open() as (conn, readable):
                return self._query(conn, readable)
        except DeviceUnavailable as exc:
            log.info("printer status: %s", exc)
            return PrinterStatus.OFFLINE

    def print_receipt(self, receipt: Receipt) -> None:
        """Print one slip, or raise PrintFailed with the status; the same receipt may be printed again."""
        data = render_receipt(receipt, self.profile)
        try:
            with self._open() as (conn, readable):
                before = self._query(conn, readable)
                if not before.can_print:
                    raise PrintFailed(f"printer is {before}", before)
                conn._raw(data)
                after = self._query(conn, readable)  # a printer that died mid-slip shows up here
        except DeviceUnavailable as exc:
            raise PrintFailed(f"printer offline: {exc}", PrinterStatus.OFFLINE) from exc
        if not after.can_print:
            raise PrintFailed(f"printer is {after} after printing {receipt.number}", after)
        log.info("printed %s (%s)", receipt.number, after)


def open_printer(url: str, profile: str | None = None, timeout: float = 2.0) -> EscposPrinter:
    """The printer at `url` (tcp://, serial://, usb://, file://) with a named paper profile."""
    return EscposPrinter(url, get_profile(profile), timeout)
