"""Bus clients shared within a test: one connection per device id (a second one with the
same client id would push the first off the broker)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def devices(bus: Callable[[str], Any]) -> Callable[[str], Any]:
    made: dict[str, Any] = {}

    def get(device: str) -> Any:
        if device not in made:
            made[device] = bus(device)
        return made[device]

    return get
