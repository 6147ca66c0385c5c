"""Bus callbacks run on paho's thread; widgets may only be touched on Kivy's.

Kivy's Clock is thread-safe, so every bus event crosses over with `Clock.schedule_once`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def on_ui(fn: Callable[..., Any]) -> Callable[..., None]:
    """Wrap `fn` so that calling it from any thread runs it on the UI thread."""
    from kivy.clock import Clock

    def call(*args: Any, **kwargs: Any) -> None:
        Clock.schedule_once(lambda _dt: fn(*args, **kwargs), 0)

    return call
