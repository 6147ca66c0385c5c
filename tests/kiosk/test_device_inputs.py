"""The kiosk's device wiring on the real wires: a serial QR scanner and an ID card reader on ptys.

What reaches the kiosk from an ID card is a masked name, a salted key and an age, never the ID number.
"""

from __future__ import annotations

import argparse
import json
import queue
from pathlib import Path

import pytest

from devices.idcard_emulator import IdCardEmulator
from devices.pty_twin import PtyTwin
from hallcore.hallfile import load_hall
from kiosk.devices_link import open_inputs

CARDS = json.loads((Path(__file__).parents[1] / "devices" / "fixtures" / "cards.json").read_text("utf-8"))


def test_scanner_and_id_reader_feed_the_kiosk(tmp_path):
    salt = load_hall("demo").citizen_salt
    scanner_twin = PtyTwin(tmp_path / "ttyQR")
    scanner_twin.plug()
    reader = IdCardEmulator(tmp_path / "ttyID").start()
    codes: queue.Queue[str] = queue.Queue()
    people: queue.Queue[object] = queue.Queue()
    args = argparse.Namespace(scanner=f"serial://{scanner_twin.path}?baud=9600&term=cr", camera=None,
                              id_reader=reader.url)
    inputs = open_inputs(args, salt, codes.put, people.put)
    try:
        for i in inputs:
            i.start()
        code = None
        for _ in range(20):  # until the scanner has opened its port: bytes before that are lost, as on a wire
            scanner_twin.write(b"HQA1.demo.re-transfer.20261201T0930.-.abcd1234.0123456789abcdef01234567\r")
            try:
                code = codes.get(timeout=0.5)
                break
            except queue.Empty:
                pass
        assert code is not None and code.startswith("HQA1.demo.re-transfer.")
        card = CARDS[0]
        reader.insert(card)
        citizen = people.get(timeout=10)
        assert citizen.name_masked == "张*三"
        assert len(citizen.key) == 64 and card["id_number"] not in repr(citizen)
        assert citizen.age is not None and citizen.age >= 18
    finally:
        for i in inputs:
            i.stop()
        reader.stop()
        scanner_twin.unplug()


def test_id_card_problems_reach_the_kiosk_once(tmp_path):
    """An expired card lying on the reader is said once; a card lifted mid-read asks to put it back."""
    salt = load_hall("demo").citizen_salt
    reader = IdCardEmulator(tmp_path / "ttyID").start()
    problems: queue.Queue[str] = queue.Queue()
    args = argparse.Namespace(scanner=None, camera=None, id_reader=reader.url)
    inputs = open_inputs(args, salt, lambda _c: None, lambda _p: None, problems.put)
    try:
        for i in inputs:
            i.start()
        reader.insert(CARDS[2])  # expired in 2014
        assert problems.get(timeout=10) == "expired"
        with pytest.raises(queue.Empty):
            problems.get(timeout=2)  # still lying there: nothing more
        reader.remove()
        reader.lift_during_read = True
        reader.insert(CARDS[0])
        assert problems.get(timeout=10) == "read_failed"
    finally:
        for i in inputs:
            i.stop()
        reader.stop()
