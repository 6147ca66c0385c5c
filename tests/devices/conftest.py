"""Fixtures for the device tests: virtual twins on real sockets and ptys."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devices.idcard_emulator import IdCardEmulator
from devices.printer_emulator import PrinterEmulator


@pytest.fixture
def printer_emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    emu = PrinterEmulator(tmp_path / "slips").start()
    yield emu
    emu.stop()


CARDS = Path(__file__).parent / "fixtures" / "cards.json"


@pytest.fixture
def cards() -> list[dict[str, str]]:
    from devices.idcard_emulator import load_cards

    return load_cards(CARDS)


@pytest.fixture
def id_emulator(tmp_path: Path) -> Iterator[IdCardEmulator]:
    emu = IdCardEmulator(tmp_path / "ttyID0").start()
    yield emu
    emu.stop()


def wait_until(cond: Callable[[], object], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return bool(cond())
