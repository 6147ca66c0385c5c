"""`hallq display`: the composition root of the hall display."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from hallui.cli_args import parse_size
from hallui.runner import run

log = logging.getLogger("hall_display")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq display", description="the hall's big screen with voice")
    p.add_argument("--device", default="display-main", help="this display's device id")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--hall", "--hall-id", dest="hall_id", default="demo",
                   help="the hall's id (--hall as in every app; --hall-id, the old name, still works)")
    p.add_argument("--voice", default="espeak", help="espeak, clips:DIR or none")
    p.add_argument("--repeat", type=int, default=2, help="times each call is said (zh then en)")
    p.add_argument("--highlight-s", type=float, default=8.0)
    p.add_argument("--size", type=parse_size, default=(1280, 720), help="WxH, e.g. 1920x1080")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--screenshot-dir", type=Path, default=None)
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    return run("hallq-display", args.size, args.fullscreen, args.log_level, lambda: build(args), kiosk=args.fullscreen)


def build(args: argparse.Namespace) -> Any:
    """Wire the controller to the bus, the voice and the screen; nothing runs yet."""
    from hall_display.announcer import Announcer, AnnouncerThread
    from hall_display.app import DisplayApp
    from hall_display.bus_feed import attach
    from hall_display.controller import DisplayController
    from hall_display.voice import SilentSpeaker, make_speaker
    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec
    from hallui.bridge import on_ui

    try:
        speaker = make_speaker(args.voice)
    except Exception as exc:  # noqa: BLE001 - logged below; a broken voice leaves the screen working
        log.error("voice %s unavailable (%s): calls are shown but not spoken", args.voice, exc)
        speaker = SilentSpeaker()
    announcer = Announcer(speaker, repeat=args.repeat)
    speech = AnnouncerThread(announcer)
    ctrl = DisplayController(highlight_s=args.highlight_s, announce=announcer.submit)
    bus = BusClient(BrokerSpec.from_url(args.broker), args.hall_id, args.device)
    attach(bus, ctrl, on_ui)

    def start() -> None:
        speech.start()
        bus.start()  # no wait: the screen says "offline" until the broker answers

    def stop() -> None:
        speech.stop()
        bus.stop()

    return DisplayApp(ctrl, start, stop, args.screenshot_dir)
