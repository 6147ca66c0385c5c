"""The socket under the hall's MQTT transport: what paho is given to read and write.

- TCP_NODELAY: without it a loopback round trip took 44-88 ms, not < 1 ms;
- a socket connected to itself is shut at once (see `on_socket_open`);
- reads are buffered: paho reads each packet with three or more recv() calls (one byte of
  type, the length a byte at a time, then the rest), a syscall each.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from typing import Any

import paho.mqtt.client as paho

log = logging.getLogger("hallbus.mqtt")


def on_socket_open(client: paho.Client, userdata: Any, sock: Any) -> None:
    with contextlib.suppress(OSError, AttributeError):  # a TLS-wrapped or unix socket may not take it
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(OSError, AttributeError):
        # with no broker on a loopback port in the ephemeral range, connect() can pick that very
        # port as its source and connect to itself; shut it so the port is free for the broker
        if sock.getsockname() == sock.getpeername():
            log.debug("socket connected to itself on %s, shut", sock.getsockname())
            sock.shutdown(socket.SHUT_RDWR)


class _ReadBuffer:
    """A socket whose recv() is served from one large read, shown to paho as `pending()` bytes.

    paho asks `pending()` of TLS sockets (and of its own websocket wrapper) to know that data is
    waiting that select() cannot see, and then reads without waiting; the same hook serves here.
    """

    CHUNK = 1 << 16

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._buf = b""
        self._pos = 0

    def recv(self, n: int) -> bytes:
        if self._pos >= len(self._buf):
            data = self._sock.recv(self.CHUNK)  # BlockingIOError (nothing yet) and b"" (closed) pass through
            if len(data) <= n:
                return bytes(data)
            self._buf, self._pos = data, 0
        out = self._buf[self._pos:self._pos + n]
        self._pos += len(out)
        return out

    def pending(self) -> int:
        inner = self._sock.pending() if hasattr(self._sock, "pending") else 0
        return len(self._buf) - self._pos + int(inner)

    def __getattr__(self, name: str) -> Any:  # send, fileno, close, setsockopt...: the socket's own
        return getattr(self._sock, name)


class Client(paho.Client):
    """paho's client on a `_ReadBuffer`."""

    def _create_socket(self) -> Any:
        return _ReadBuffer(super()._create_socket())
