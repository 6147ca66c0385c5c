"""The serial keypad over a real pty pair, into the same controller as the touch screen."""

from __future__ import annotations

import os
import pty
import time
from collections.abc import Iterator

import pytest

from evaluator.controller import EvaluatorController
from evaluator.keypad import KeypadError, KeypadReader, keys_of, open_keypad
from evaluator.model import Command, Submit
from tests.display.fakes import FakeClock
from tests.evaluator.test_controller import finished


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = pty.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def wait_for(pred, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_keys_only():
    assert keys_of(b"1x9\x005#\r") == ["1", "5", "#", "\r"]


def test_keys_over_a_pty(pty_pair):
    master, path = pty_pair
    keys: list[str] = []
    reader = KeypadReader(path, keys.append).start()
    try:
        wait_for(lambda: reader.port is not None)
        os.write(master, b"3\x07" + b"15")
        wait_for(lambda: len(keys) == 3)
        assert keys == ["3", "1", "5"]
    finally:
        reader.stop()


def test_keypad_rates_through_the_controller(pty_pair):
    master, path = pty_pair
    sent: list[Command] = []
    ctrl = EvaluatorController("win-05", sent.append, FakeClock(), new_id=lambda: "rid")
    finished(ctrl, sent)
    reader = KeypadReader(path, ctrl.key).start()  # one thread feeds it: no UI hand-off needed here
    try:
        wait_for(lambda: reader.port is not None)
        os.write(master, b"2")
        wait_for(lambda: ctrl.view.score == 2)
        os.write(master, b"14#")
        wait_for(lambda: isinstance(sent[-1], Submit))
        assert sent[-1] == Submit("rid", "A023", 2, ("long_wait", "unclear_requirements"))
    finally:
        reader.stop()


def test_missing_port_is_our_error(tmp_path):
    with pytest.raises(KeypadError):
        open_keypad(str(tmp_path / "no-such-tty"))
    reader = KeypadReader(str(tmp_path / "no-such-tty"), lambda _k: None, retry_s=0.05).start()
    time.sleep(0.2)
    reader.stop()  # a missing keypad only logs and retries
