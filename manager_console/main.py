"""`hallq manager`: the composition root of the hall manager's console."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hallui.cli_args import parse_size

log = logging.getLogger("manager_console")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq manager", description="the hall manager's console")
    p.add_argument("--device", default="mgr-01", help="this console's device id")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--hall", default="demo", help="demo or a hall file: hall id, policy, catalog for the planner")
    p.add_argument("--size", type=parse_size, default=(1280, 720), help="WxH")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--export-dir", type=Path, default=Path("."), help="where CSV exports go")
    p.add_argument("--screenshot-dir", type=Path, default=None)
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def thread_runner(post: Callable[[Callable[..., None]], Callable[..., None]]) \
        -> Callable[[Callable[[], Any], Callable[[Any], None]], None]:
    """Run the planner on a thread of its own; its result comes back on the UI thread."""

    def run(work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def go() -> None:
            try:
                result = work()
            except Exception as exc:
                result = exc
            post(done)(result)

        threading.Thread(target=go, name="planner", daemon=True).start()

    return run


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from hallui.kivy_env import configure

    configure("hallq-manager", args.size, args.fullscreen)
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")  # a stray Escape must not close the console

    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec
    from hallcore.hallfile import load_hall
    from hallui.bridge import on_ui
    from manager_console.app import ManagerApp
    from manager_console.controller import ManagerController
    from manager_console.planning import load_planner
    from window_console.bus_feed import attach

    hall = load_hall(args.hall)
    bus = BusClient(BrokerSpec.from_url(args.broker), hall.id, args.device)
    ctrl = ManagerController(bus, hall.policy.service_level_s, time.time, planner=load_planner(hall),
                             post=on_ui, background=thread_runner(on_ui), export_dir=args.export_dir)
    attach(bus, ctrl, on_ui)
    app = ManagerApp(ctrl, lambda: bus.start(), bus.stop, args.screenshot_dir)
    signal.signal(signal.SIGTERM, lambda *_a: app.stop())
    app.run()
    return 0
