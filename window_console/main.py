"""`hallq window`: the composition root of a clerk's window console."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Any

from hallui.cli_args import parse_size
from hallui.runner import run

log = logging.getLogger("window_console")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq window", description="a clerk's window console")
    p.add_argument("--device", required=True, help="this window's device id, e.g. win-05")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--hall", "--hall-id", dest="hall_id", default="demo",
                   help="the hall's id (--hall as in every app; --hall-id, the old name, still works)")
    p.add_argument("--led", default=None, help="the window's LED sign, e.g. serial:///dev/ttyUSB2?addr=5")
    p.add_argument("--size", type=parse_size, default=(1280, 720), help="WxH")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--screenshot-dir", type=Path, default=None)
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    # Escape closes dialogs, never the console
    return run("hallq-window", args.size, args.fullscreen, args.log_level, lambda: build(args), escape_exits=False)


def build(args: argparse.Namespace) -> Any:
    """Wire the controller to the bus, the LED sign and the screen; nothing runs yet."""
    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec
    from hallui.bridge import on_ui
    from window_console.app import WindowConsoleApp
    from window_console.bus_feed import attach
    from window_console.controller import WindowController
    from window_console.led import BackgroundSign, open_sign

    bus = BusClient(BrokerSpec.from_url(args.broker), args.hall_id, args.device)
    sign: BackgroundSign | None = open_sign(args.led) if args.led else None
    ctrl = WindowController(args.device, bus, time.time, sign=sign, post=on_ui)
    if sign is not None:
        sign.on_state = on_ui(ctrl.on_sign_state)  # the sign reports only once started
    attach(bus, ctrl, on_ui)

    def start() -> None:
        if sign is not None:
            sign.start()
        bus.start()  # no wait: the header says "offline" until the broker answers

    def stop() -> None:
        bus.stop()
        if sign is not None:
            sign.stop()

    return WindowConsoleApp(ctrl, start, stop, args.screenshot_dir)
