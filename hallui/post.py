"""How a controller's callbacks get back onto its own thread (no Kivy import here).

A `Post` wraps a function so that calling the wrapper runs it on the controller's thread: the
apps pass `hallui.bridge.on_ui` (Kivy's clock); tests and single-threaded shells pass `direct`.
"""

from __future__ import annotations

from collections.abc import Callable

Post = Callable[[Callable[..., None]], Callable[..., None]]


def direct(fn: Callable[..., None]) -> Callable[..., None]:
    """The default `Post`: call on the caller's thread."""
    return fn
