from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallcore.model import WindowStatus

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=TZ).timestamp()
DEMO = load_hall("demo")  # frozen, and a Hall never changes its config: read once (the hall file has its own tests)


@pytest.fixture
def hall() -> Hall:
    h = Hall(DEMO)
    h.roll_day(T0)
    return h


def open_windows(h: Hall, *ids: str) -> None:
    for w in ids:
        h.set_status(T0, w, WindowStatus.OPEN)
