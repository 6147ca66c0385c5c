"""`hallq evaluator`: the composition root of the rating screen beside a window."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from hallui.cli_args import parse_size
from hallui.runner import run

log = logging.getLogger("evaluator")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq evaluator", description="the citizen rating screen beside a window")
    p.add_argument("--device", required=True, help="this evaluator's device id, e.g. eval-05")
    p.add_argument("--window", required=True, help="the window it stands beside, e.g. win-05")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--hall", "--hall-id", dest="hall_id", default="demo",
                   help="the hall's id (--hall as in every app; --hall-id, the old name, still works)")
    p.add_argument("--size", type=parse_size, default=(800, 480), help="WxH")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--rating-timeout-s", type=float, default=30.0)
    p.add_argument("--thanks-s", type=float, default=5.0)
    p.add_argument("--screenshot-dir", type=Path, default=None)
    p.add_argument("--keypad", default=None, help="serial URL of a hardware keypad (e.g. /dev/ttyUSB0)")
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    return run("hallq-evaluator", args.size, args.fullscreen, args.log_level, lambda: build(args),
               kiosk=args.fullscreen)


def build(args: argparse.Namespace) -> Any:
    """Wire the controller to the bus, the keypad and the screens; nothing runs yet."""
    from evaluator.app import EvaluatorApp
    from evaluator.bus_link import EvaluatorLink
    from evaluator.controller import EvaluatorController
    from evaluator.keypad import KeypadReader
    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec
    from hallui.bridge import on_ui

    bus = BusClient(BrokerSpec.from_url(args.broker), args.hall_id, args.device)
    link = EvaluatorLink(bus, on_ui)
    ctrl = EvaluatorController(args.window, link.send, rating_timeout_s=args.rating_timeout_s,
                               thanks_s=args.thanks_s)
    link.attach(ctrl)
    keypad = KeypadReader(args.keypad, on_ui(ctrl.key)) if args.keypad else None

    def start() -> None:
        bus.start()  # no wait: the screen says "offline" until the broker answers
        if keypad is not None:
            keypad.start()

    def stop() -> None:
        if keypad is not None:
            keypad.stop()
        bus.stop()

    return EvaluatorApp(ctrl, start, stop, args.screenshot_dir)
