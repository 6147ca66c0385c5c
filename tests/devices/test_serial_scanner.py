"""The serial barcode scanner on a real pty: codes, noise, overflow, unplug and replug."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.pty_twin import PtyTwin
from devices.serial_scanner import LineFramer, ScanStatus, SerialScanner
from tests.devices.conftest import wait_until


class Scanned:
    def __init__(self) -> None:
        self.codes: list[str] = []
        self.statuses: list[ScanStatus] = []


@pytest.fixture
def twin(tmp_path: Path) -> Iterator[PtyTwin]:
    t = PtyTwin(tmp_path / "ttyACM0")
    t.plug()
    yield t
    t.unplug()


@pytest.fixture
def scanned(twin: PtyTwin) -> Iterator[Scanned]:
    s = Scanned()
    scanner = SerialScanner(f"serial://{twin.path}?baud=9600&term=cr", max_len=256, retry_s=0.05)
    scanner.start(s.codes.append, s.statuses.append)
    assert wait_until(lambda: ScanStatus.OK in s.statuses)
    yield s
    scanner.stop()


def test_codes_arrive_one_per_line_even_split_across_reads(twin: PtyTwin, scanned: Scanned) -> None:
    twin.write(b"HQT1:hall-1:t-1\rHQT1:hall")
    twin.write(b"-1:t-2\r")
    assert wait_until(lambda: len(scanned.codes) == 2)
    assert scanned.codes == ["HQT1:hall-1:t-1", "HQT1:hall-1:t-2"]


def test_garbled_bytes_are_dropped_with_a_status(twin: PtyTwin, scanned: Scanned) -> None:
    twin.write(b"\xff\xfe\x00\x13garbage\rAPPT-42\r")
    assert wait_until(lambda: scanned.codes == ["APPT-42"])
    assert ScanStatus.GARBLED in scanned.statuses


def test_ten_kilobytes_without_terminator_are_discarded_and_the_next_code_reads(
        twin: PtyTwin, scanned: Scanned) -> None:
    for _ in range(10):
        twin.write(b"A" * 1024)
    twin.write(b"tail\rGOOD-1\r")
    assert wait_until(lambda: scanned.codes == ["GOOD-1"])
    assert scanned.statuses.count(ScanStatus.OVERFLOW) == 1


def test_unplug_and_replug_recovers(twin: PtyTwin, scanned: Scanned) -> None:
    twin.write(b"BEFORE\r")
    assert wait_until(lambda: scanned.codes == ["BEFORE"])
    twin.unplug()
    assert wait_until(lambda: ScanStatus.DISCONNECTED in scanned.statuses)
    twin.plug()
    assert wait_until(lambda: scanned.statuses[-1] is ScanStatus.OK)
    twin.write(b"AFTER\r")
    assert wait_until(lambda: scanned.codes == ["BEFORE", "AFTER"])


def test_crlf_terminator_split_between_reads() -> None:
    framer = LineFramer(b"\r\n", max_len=8)
    assert framer.feed(b"CODE\r") == []
    assert framer.feed(b"\nX") == ["CODE"]
    assert framer.feed(b"123456789012") == [ScanStatus.OVERFLOW]
    assert framer.feed(b"34\r\nOK\r\n") == ["OK"]
