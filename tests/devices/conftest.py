"""Fixtures for the device tests: virtual twins on real sockets and ptys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.printer_emulator import PrinterEmulator


@pytest.fixture
def printer_emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    emu = PrinterEmulator(tmp_path / "slips").start()
    yield emu
    emu.stop()
