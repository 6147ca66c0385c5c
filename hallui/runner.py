"""Start a hall screen: logging, Kivy's settings, the app, a clean stop on SIGTERM. Once for all five.

`build` runs after Kivy is configured (Kivy reads its settings when first imported), so an app's
modules that import Kivy are imported inside it.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from typing import Any

LOG_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


def run(wm_class: str, size: tuple[int, int], fullscreen: bool, log_level: str, build: Callable[[], Any],
        kiosk: bool = False, escape_exits: bool | None = None) -> int:
    """Configure, build and run the app until it stops; SIGTERM stops it like closing the window
    (so its I/O is shut down in `on_stop`). `escape_exits=False` keeps Escape for dialogs."""
    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT)
    from hallui.kivy_env import configure

    configure(wm_class, size, fullscreen, kiosk=kiosk)
    if escape_exits is not None:
        from kivy.config import Config

        Config.set("kivy", "exit_on_escape", "1" if escape_exits else "0")
    app = build()
    signal.signal(signal.SIGTERM, lambda *_a: app.stop())
    app.run()
    return 0
