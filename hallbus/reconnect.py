"""How the transport waits between tries to reach the broker, and what it says when it cannot.

Waits grow from 0.2 s and double up to a 2 s ceiling: a hall wants its devices back within
seconds of a broker restart, and a process waiting for a broker that is gone should cost
nothing. Each wait is drawn from the upper half of its step (equal jitter), so twenty
kiosks that lost the same broker do not knock on it in step when it comes back.

A failure is put in one plain sentence and sorted into a kind; the transport logs a kind
once and stays quiet while every further try fails the same way.
"""

from __future__ import annotations

import random
import socket
import ssl
from dataclasses import dataclass, field

FIRST_S = 0.4  # the first wait is 0.2-0.4 s
CEILING_S = 2.0  # and no wait is longer than 2 s: back within 2 s of the broker, whatever the outage


@dataclass(slots=True)
class Backoff:
    first: float = FIRST_S
    ceiling: float = CEILING_S
    rng: random.Random = field(default_factory=random.Random)
    tries: int = 0

    def next(self) -> float:
        """The wait before the next try, in seconds."""
        step = min(self.ceiling, self.first * 2 ** min(self.tries, 16))
        self.tries += 1
        return self.rng.uniform(step / 2, step)

    def reset(self) -> None:
        self.tries = 0


DOWN, REFUSED, TLS, NAME, OTHER = "down", "refused", "tls", "name", "other"


def socket_problem(exc: BaseException | None, host: str, port: int, ca_file: str | None) -> tuple[str, str]:
    """(kind, sentence) for an exception raised while opening the connection."""
    where = f"{host}:{port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        trust = f"the CA file {ca_file}" if ca_file else "the system's CA certificates"
        return TLS, f"the broker at {where} has a certificate that {trust} does not trust ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return TLS, f"the TLS handshake with {where} failed ({exc.reason or exc}); is it a TLS port?"
    if isinstance(exc, socket.gaierror):
        return NAME, f"the broker host {host!r} cannot be resolved ({exc.strerror})"
    if isinstance(exc, ConnectionRefusedError):
        return DOWN, f"no broker at {where} (connection refused)"
    if isinstance(exc, TimeoutError):
        return DOWN, f"no answer from a broker at {where}"
    if isinstance(exc, OSError):
        return DOWN, f"cannot reach a broker at {where} ({exc.strerror or exc})"
    return OTHER, f"cannot connect to {where} ({exc!r})"


def connack_problem(reason: object, host: str, port: int, client_id: str) -> tuple[str, str]:
    """(kind, sentence) for a broker that answered CONNECT with a refusal."""
    return REFUSED, (f"the broker at {host}:{port} refused {client_id!r}: {reason} "
                     "(check the device's username, password and bundle)")
