"""Watch the certificate the broker serves and keep the `cert_expiring` alert up to date.

The server asks the broker itself (a TLS handshake to the host and port it uses,
hallbus/broker_cert.py), so the check sees exactly what devices are offered, renewed or not,
wherever the files live. One thread: a check at start, every hour, and at once
when `check_soon` is called (SIGHUP, after `hallq provision tls renew --reload`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from hallbus.broker_cert import served_certificate
from hallbus.mqtt import BrokerSpec
from hallcore.cert_expiry import cert_alert
from hallcore.clock import LocalTime
from queue_server.alerts_pub import AlertBoard

log = logging.getLogger(__name__)
CHECK_S = 3600.0
RETRY_S = 60.0  # broker unreachable: try again sooner, keep the last alert meanwhile


def served_not_after(host: str, port: int) -> float:
    """The end of validity (epoch seconds) of the certificate the broker offers now."""
    from cryptography import x509  # here, not at import: 0.17 s of every server's start, TLS or not

    not_after: dt.datetime = x509.load_der_x509_certificate(served_certificate(host, port)).not_valid_after_utc
    return not_after.timestamp()


class CertWatch:
    def __init__(self, spec: BrokerSpec, board: AlertBoard, time_of_hall: LocalTime,
                 clock: Callable[[], float] = time.time, probe: Callable[[str, int], float] = served_not_after) -> None:
        self.spec, self.board, self.local, self.clock, self.probe = spec, board, time_of_hall, clock, probe
        self._poke = threading.Event()
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="cert-watch", daemon=True)

    def start(self) -> CertWatch:
        if self.spec.tls:  # a plain listener has no certificate to expire
            self.thread.start()
        return self

    def check_soon(self) -> None:
        self._poke.set()

    def stop(self) -> None:
        self._stop.set()
        self._poke.set()

    def check(self) -> bool:
        try:
            not_after = self.probe(self.spec.host, self.spec.port)
        except (OSError, ValueError) as exc:  # ValueError: not a certificate cryptography can read
            log.warning("cannot read the broker's certificate at %s:%d: %s", self.spec.host, self.spec.port, exc)
            return False
        alert = cert_alert(not_after, self.clock(), self.local)
        if alert is not None:
            log.warning("cert_expiring (%s): %s", alert["level"], alert["text"]["en"])
        self.board.set("cert", [alert] if alert else [])
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = CHECK_S if self.check() else RETRY_S
            self._poke.wait(wait)
            self._poke.clear()
