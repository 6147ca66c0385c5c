"""Bus payloads to JSON objects, shared by every app's bus feed.

No Kivy import: bus feeds are tested, and benchmarked, without a window.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from hallbus.limits import MAX_MESSAGE, MAX_PRESENCE

log = logging.getLogger(__name__)


def json_object_handler(handler: Callable[[dict[str, Any]], None]) -> Callable[[str, bytes], None]:
    """A bus handler `(topic, payload)` that passes each JSON object payload to `handler`.

    An empty payload (a cleared retained message) is ignored; unreadable JSON, any other JSON
    value, and a payload over its size (hallbus.limits: a presence is a few hundred bytes) are
    logged with the topic and dropped.
    """

    def on_message(topic: str, payload: bytes) -> None:
        if not payload:
            return  # a cleared retained message
        if len(payload) > (MAX_PRESENCE if "/presence/" in topic else MAX_MESSAGE):
            log.warning("dropped %d bytes on %s: too big for it", len(payload), topic)
            return
        try:
            body = json.loads(payload)
        except ValueError:
            log.warning("unreadable JSON on %s", topic)
            return
        if isinstance(body, dict):
            handler(body)
        else:
            log.warning("expected a JSON object on %s", topic)

    return on_message
