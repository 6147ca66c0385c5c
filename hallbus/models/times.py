"""The wire's times: ISO 8601 with the hall's offset."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def epoch(text: Any) -> float | None:
    """Epoch seconds of a wire time, None for none (null, empty or unreadable)."""
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None
