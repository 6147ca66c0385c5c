"""The display's clock shows hall time from the catalog the server publishes, not the machine's."""

from __future__ import annotations

from datetime import UTC, datetime

from hall_display.controller import DisplayController
from hall_display.texts import clock_text
from hallcore.hall import Hall
from hallcore.hallfile import load_hall
from hallui.hall_time import HallTime
from queue_server import wire

WALL = datetime(2026, 12, 1, 20, 7, 5, tzinfo=UTC).timestamp()  # 04:07 next day in Shanghai


def test_the_clock_follows_the_halls_time_zone_from_the_catalog() -> None:
    catalog = wire.state_catalog(Hall(load_hall("demo")))
    assert catalog["hall"]["timezone"] == "Asia/Shanghai"
    ctrl = DisplayController()
    assert clock_text(ctrl.hall_time.at(WALL))[0] == "20:07:05"  # zone not yet known: UTC, not guessed
    ctrl.on_catalog(catalog)
    assert clock_text(ctrl.hall_time.at(WALL)) == ("04:07:05", "2026-12-02 星期三 Wed")


def test_a_bad_zone_is_ignored() -> None:
    t = HallTime("Asia/Shanghai")
    assert t.set_zone("Mars/Olympus") is False and t.set_zone(None) is False
    assert t.at(WALL).hour == 4
