"""Halls for the simulator tests: the demo hall, and a one-group hall built in code."""

from __future__ import annotations

import pytest

from hallcore.config import HallConfig, WindowSpec
from hallcore.hallfile import load_hall
from hallcore.model import Group, Matter, Name


@pytest.fixture(scope="session")
def demo() -> HallConfig:
    return load_hall("demo")


def one_group_hall(windows: int, service_s: float) -> HallConfig:
    n = Name("测试", "test")
    return HallConfig("test", n, "Asia/Shanghai", (Group("g", n, "A", service_s),), (Matter("m", n, "g"),),
                      tuple(WindowSpec(f"w{i}", n, ("g",)) for i in range(windows)))
