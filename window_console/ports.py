"""What the window controller needs from outside, as small Protocols the shell passes in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Answer(Protocol):
    """A bus response (hallbus.envelope.Response fits)."""
    ok: bool
    result: Any
    error_code: str | None
    error_message: str | None


class Requester(Protocol):
    """The bus (hallbus.client.BusClient fits); the callback may run on any thread."""

    def request_async(self, op: str, args: dict[str, Any] | None = None,
                      callback: Callable[[Any], None] | None = None, timeout: float = 10.0,
                      request_id: str | None = None) -> str: ...


class Sign(Protocol):
    """The window's LED sign (devices' LedSign fits)."""

    def show(self, text: str) -> None: ...
    def clear(self) -> None: ...


Post = Callable[[Callable[..., None]], Callable[..., None]]


def direct(fn: Callable[..., None]) -> Callable[..., None]:
    """The default `Post`: call on the caller's thread (tests)."""
    return fn
