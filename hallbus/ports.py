"""What a device's controller needs of the bus, as Protocols: `hallbus.client.BusClient` fits,
and tests pass hand-written fakes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Answer(Protocol):
    """A bus response (hallbus.envelope.Response fits)."""

    id: str
    ok: bool
    result: Any
    error_code: str | None
    error_message: str | None


class Requester(Protocol):
    """Sends a request; the callback gets its answer and may run on any thread."""

    def request_async(self, op: str, args: dict[str, Any] | None = None,
                      callback: Callable[[Any], None] | None = None, timeout: float = 10.0,
                      request_id: str | None = None) -> str: ...
