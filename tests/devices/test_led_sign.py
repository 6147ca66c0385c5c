"""The window LED sign against its virtual twin on a real pty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices import led_protocol as proto
from devices import open_led_sign
from devices.errors import DeviceUnavailable, ProtocolError
from devices.led_emulator import LedSignEmulator
from tests.devices.conftest import wait_until


@pytest.fixture
def sign_twin(tmp_path: Path) -> Iterator[LedSignEmulator]:
    emu = LedSignEmulator(tmp_path / "ttyLED0", addr=3).start()
    yield emu
    emu.stop()


def test_frames_are_stx_addr_cmd_text_etx_xor() -> None:
    raw = proto.frame(3, proto.SHOW, proto.encode_text("A017"))
    assert raw == b"\x02\x03SA017\x03" + bytes([proto.xor(b"\x03SA017\x03")])
    assert proto.parse(raw) == (3, proto.SHOW, "A017")
    with pytest.raises(ProtocolError):
        proto.parse(raw[:-1] + b"\x00")
    with pytest.raises(ProtocolError):
        proto.parse(raw[:4])


def test_show_and_clear(sign_twin: LedSignEmulator) -> None:
    sign = open_led_sign(sign_twin.url)
    sign.show("请 A017 到 3 号窗口")
    assert sign_twin.shown == "请 A017 到 3 号窗口"
    sign.clear()
    assert sign_twin.history == ["请 A017 到 3 号窗口", ""]
    sign.close()


def test_line_noise_before_a_frame_is_skipped(sign_twin: LedSignEmulator) -> None:
    sign = open_led_sign(sign_twin.url)
    sign.port.open()
    sign.port.write(b"\x02\x03S\xff\xff\x03\x00" + b"noise")  # a garbled frame: NAKed
    assert wait_until(lambda: sign_twin.bad_frames == 1)
    sign.show("B002")
    assert sign_twin.shown == "B002"


def test_an_unplugged_sign_is_unavailable_then_recovers(sign_twin: LedSignEmulator) -> None:
    sign = open_led_sign(sign_twin.url)
    sign.show("A001")
    sign_twin.stop()
    with pytest.raises(DeviceUnavailable):
        sign.show("A002")
    sign_twin.start()
    sign.show("A003")
    assert sign_twin.shown == "A003"
