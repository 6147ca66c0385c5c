"""The ID card reader adapter against the virtual reader on a real pty."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from devices import idcard_protocol as proto
from devices.errors import DeviceError, DeviceUnavailable, ProtocolError
from devices.idcard_emulator import IdCardEmulator
from devices.idcard_reader import CardError, open_id_reader
from hallcore.citizen import CitizenIdentity, citizen_key
from tests.devices.conftest import CARDS, wait_until

SALT = b"hall-test-salt"
TODAY = date(2024, 5, 1)


class Sink:
    def __init__(self) -> None:
        self.identities: list[CitizenIdentity] = []
        self.errors: list[DeviceError] = []
        self.lock = threading.Lock()

    def identity(self, ident: CitizenIdentity) -> None:
        self.identities.append(ident)

    def error(self, exc: DeviceError) -> None:
        self.errors.append(exc)


@pytest.fixture
def reader(id_emulator: IdCardEmulator):  # type: ignore[no-untyped-def]
    r = open_id_reader(id_emulator.url, SALT, today=lambda: TODAY, poll_s=0.05, retry_s=0.1)
    sink = Sink()
    r.start(sink.identity, sink.error)
    yield sink
    r.stop()


def test_frames_follow_the_spec() -> None:
    assert proto.command(proto.FIND) == bytes.fromhex("AAAAAA9669 0003 2001 22")
    assert proto.response(proto.FOUND) == bytes.fromhex("AAAAAA9669 0004 00009F 9B")
    frames = proto.FrameReader()
    assert frames.feed(b"\x00garbage" + proto.response(proto.OK)[:6]) == []
    assert frames.feed(proto.response(proto.OK)[6:]) == [b"\x00\x00\x90"]
    with pytest.raises(ProtocolError):
        frames.feed(proto.response(proto.OK)[:-1] + b"\x00")


def test_a_card_yields_only_masked_name_key_and_age(reader: Sink, id_emulator: IdCardEmulator,
                                                    cards: list[dict[str, str]]) -> None:
    id_emulator.insert(cards[0])
    assert wait_until(lambda: reader.identities)
    [ident] = reader.identities
    assert ident == CitizenIdentity("张*三", citizen_key(cards[0]["id_number"], SALT), 38)
    assert not reader.errors


def test_a_card_left_on_the_reader_is_reported_once_and_again_after_lifting(
        reader: Sink, id_emulator: IdCardEmulator, cards: list[dict[str, str]]) -> None:
    id_emulator.insert(cards[1])  # valid for life (长期)
    assert wait_until(lambda: reader.identities)
    n = len(id_emulator.commands)
    assert wait_until(lambda: len(id_emulator.commands) > n + 10)
    assert len(reader.identities) == 1
    id_emulator.remove()
    assert wait_until(lambda: id_emulator.commands[-1] == proto.FIND)
    id_emulator.insert(cards[1])
    assert wait_until(lambda: len(reader.identities) == 2)
    assert reader.identities[0].name_masked == "欧**明"


@pytest.mark.parametrize("index, words", [(2, "expired"), (3, "invalid ID number")])
def test_expired_and_invalid_cards_are_refused_without_their_data(
        reader: Sink, id_emulator: IdCardEmulator, cards: list[dict[str, str]], index: int, words: str) -> None:
    id_emulator.insert(cards[index])
    assert wait_until(lambda: reader.errors)
    assert not reader.identities
    msg = str(reader.errors[0])
    assert words in msg and cards[index]["id_number"] not in msg and cards[index]["name"] not in msg


def test_a_card_lifted_mid_read_is_a_clear_error_then_the_next_read_works(
        reader: Sink, id_emulator: IdCardEmulator, cards: list[dict[str, str]]) -> None:
    id_emulator.lift_during_read = True
    id_emulator.insert(cards[0])
    assert wait_until(lambda: reader.errors)
    assert isinstance(reader.errors[0], CardError) and "read failed" in str(reader.errors[0])
    assert reader.errors[0].reason == "read_failed"
    id_emulator.insert(cards[0])
    assert wait_until(lambda: reader.identities)


@pytest.mark.parametrize("fault", ["checksum", "truncate", "garble"])
def test_damaged_answers_are_protocol_errors_and_the_loop_recovers(
        reader: Sink, id_emulator: IdCardEmulator, cards: list[dict[str, str]], fault: str) -> None:
    id_emulator.fault = fault
    assert wait_until(lambda: reader.errors)
    assert isinstance(reader.errors[0], ProtocolError)
    id_emulator.insert(cards[0])
    assert wait_until(lambda: reader.identities)


def test_the_reader_comes_back_after_unplug(reader: Sink, id_emulator: IdCardEmulator,
                                            cards: list[dict[str, str]]) -> None:
    id_emulator.stop()
    assert wait_until(lambda: any(isinstance(e, DeviceUnavailable) for e in reader.errors))
    id_emulator.start()  # a new pty behind the same symlink
    id_emulator.insert(cards[0])
    assert wait_until(lambda: reader.identities)


def test_the_raw_record_never_shows_in_a_repr(cards: list[dict[str, str]]) -> None:
    record = proto.parse_base_info(proto.encode_base_info(cards[0]))
    assert record.id_number == cards[0]["id_number"] and record.valid_to == "20350101"
    assert cards[0]["id_number"] not in repr(record) and "张" not in repr(record)


def test_the_emulator_command_prints_its_pty(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "hallq", "idcard-emulator", "--cards", str(CARDS)],
                            stdout=subprocess.PIPE, text=True)
    try:
        path = proc.stdout.readline().strip() if proc.stdout else ""
        assert path.startswith("/dev/pts/") and os.path.exists(path)
        r = open_id_reader(f"serial://{path}?baud=115200", SALT, today=lambda: TODAY, poll_s=0.05)
        sink = Sink()
        r.start(sink.identity, sink.error)
        try:
            assert wait_until(lambda: sink.identities)
        finally:
            r.stop()
    finally:
        proc.terminate()
        proc.wait(5)


def test_an_expired_card_left_on_the_reader_is_one_message_and_no_spin(
        reader: Sink, id_emulator: IdCardEmulator, cards: list[dict[str, str]],
        caplog: pytest.LogCaptureFixture) -> None:
    """It once gave 118,743 warnings in 70 s at 53% CPU: now one report while it lies there."""
    import resource

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    caplog.set_level("DEBUG", logger="devices")
    id_emulator.insert(cards[2])
    assert wait_until(lambda: reader.errors)
    used, start, n = cpu(), time.monotonic(), len(id_emulator.commands)
    assert not wait_until(lambda: len(reader.errors) > 1, timeout=3.0)
    elapsed = time.monotonic() - start
    assert [getattr(e, "reason", None) for e in reader.errors] == ["expired"]
    assert len(caplog.records) <= 3, [r.getMessage() for r in caplog.records]
    assert cpu() - used < 0.3 * elapsed, "the reader loop spins"
    assert len(id_emulator.commands) - n < 3 * elapsed / 0.05 + 6  # polls at its pace, no faster
    id_emulator.remove()
    assert wait_until(lambda: id_emulator.commands[-1] == proto.FIND)
    id_emulator.insert(cards[2])  # laid on again: said again
    assert wait_until(lambda: len(reader.errors) == 2)

