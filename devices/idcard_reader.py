"""The ID card reader adapter: polls find → select → read and hands on a CitizenIdentity.

The raw record stays inside `_cycle`: only the masked name, the hall-keyed hash and the age
leave this module. Errors name what went wrong with the card or the wire, never its content.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Protocol

from devices import idcard_protocol as proto
from devices.errors import DeviceError, ProtocolError
from devices.serial_port import ReconnectingLoop, SerialPort
from devices.urls import serial_params
from hallcore.citizen import CitizenIdentity, InvalidIdNumber, identity_of, valid_on

log = logging.getLogger(__name__)


class CardError(DeviceError):
    """A card was there but gave no usable identity. `reason` is what the citizen is told:
    "read_failed" (put the card back), "expired" or "invalid" (go to a window)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class IdReader(Protocol):
    def start(self, on_identity: Callable[[CitizenIdentity], None],
              on_error: Callable[[DeviceError], None] | None = None) -> None: ...
    def stop(self) -> None: ...


class IdCardReader:
    def __init__(self, url: str, salt: bytes, today: Callable[[], date] = date.today,
                 poll_s: float = 0.2, answer_timeout: float = 1.0, retry_s: float = 0.5) -> None:
        path, baud = serial_params(url, 115200)
        self.port = SerialPort(path, baud, timeout=0.05)
        self.salt, self.today, self.poll_s, self.answer_timeout = salt, today, poll_s, answer_timeout
        self.retry_s = retry_s
        self._loop: ReconnectingLoop | None = None
        self._present: str | None = None  # outcome of the card lying on the reader, reported once

    def __repr__(self) -> str:
        return f"IdCardReader({self.port.path!r})"

    def start(self, on_identity: Callable[[CitizenIdentity], None],
              on_error: Callable[[DeviceError], None] | None = None) -> None:
        self._loop = ReconnectingLoop(self.port, "id-card-reader", self.retry_s, on_error)
        loop = self._loop

        def step() -> None:
            identity = self._cycle()
            if identity is not None:
                on_identity(identity)
            loop.wait(self.poll_s)

        loop.start(step)

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.stop()

    # -- one exchange ---------------------------------------------------------------------
    def _ask(self, cmd: bytes) -> tuple[int, bytes]:
        self.port.reset_input()
        self.port.write(proto.command(cmd))
        frames, deadline = proto.FrameReader(), time.monotonic() + self.answer_timeout
        while time.monotonic() < deadline:
            bodies = frames.feed(self.port.read())
            if bodies:
                body = bodies[0]
                if len(body) < 3:
                    raise ProtocolError("answer shorter than its status word")
                return body[2], body[3:]
        raise ProtocolError("no complete answer from the reader" if frames.buf else "reader did not answer")

    def _cycle(self) -> CitizenIdentity | None:
        sw, _ = self._ask(proto.FIND)
        if sw != proto.FOUND:
            self._present = None  # card lifted: the next one (or the same again) is new
            return None
        sw, _ = self._ask(proto.SELECT)
        if sw not in (proto.OK, proto.FOUND):
            return None  # a card slid in or out during find; try again next poll
        sw, data = self._ask(proto.READ_BASE)
        if sw != proto.OK:
            self._once("read_failed", CardError(f"card read failed (SW {sw:02X}); hold the card still",
                                                "read_failed"))
            return None
        record = proto.parse_base_info(data)
        today = self.today()
        try:
            identity = identity_of(record.name, record.id_number, self.salt, today)
        except InvalidIdNumber as exc:
            self._once("invalid", CardError(f"card holds an invalid ID number: {exc}", "invalid"))
            return None
        if not valid_on(record.valid_from, record.valid_to, today):
            self._once(f"expired:{identity.key}", CardError("card has expired or is not yet valid", "expired"))
            return None
        if not self._once(identity.key):
            return None  # still the same card on the reader
        log.info("card read: %s", identity.name_masked)
        return identity

    def _once(self, outcome: str, error: CardError | None = None) -> bool:
        """True the first time a card lying on the reader gives `outcome` (raising `error` if
        given); False while the same card stays: an expired card left there is one message."""
        if outcome == self._present:
            return False
        self._present = outcome
        if error is not None:
            raise error
        return True


def open_id_reader(url: str, salt: bytes, **kwargs: object) -> IdCardReader:
    """The reader at `serial:///dev/ttyUSB0?baud=115200`; identities are keyed by `salt`."""
    return IdCardReader(url, salt, **kwargs)  # type: ignore[arg-type]
