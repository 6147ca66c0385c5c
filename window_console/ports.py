"""What the window controller needs from outside, as small Protocols the shell passes in."""

from __future__ import annotations

from typing import Protocol

# the bus and the thread hand-off are the same for every controller: defined once, re-exported
from hallbus.ports import Answer as Answer
from hallbus.ports import Requester as Requester
from hallui.post import Post as Post
from hallui.post import direct as direct


class Sign(Protocol):
    """The window's LED sign (devices' LedSign fits)."""

    def show(self, text: str) -> None: ...
    def clear(self) -> None: ...
