"""`hallq kiosk`: the composition root of the citizen's touch-screen kiosk."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from hallui.cli_args import parse_size
from hallui.runner import run

if TYPE_CHECKING:
    from kiosk.app import KioskApp

log = logging.getLogger("kiosk")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq kiosk", description="the citizen's touch-screen kiosk")
    p.add_argument("--device", default="kiosk-01", help="this kiosk's device id")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--printer", required=True, help="printer URL (tcp://HOST:PORT, usb:..., jsonl:PATH)")
    p.add_argument("--printer-profile", default=None, help="printer model profile")
    p.add_argument("--scanner", default=None, help="serial QR scanner URL")
    p.add_argument("--camera", default=None, help="camera index or image/video path for QR codes")
    p.add_argument("--id-reader", default=None, help="ID card reader URL")
    p.add_argument("--hall", default="demo", help="demo or a hall file: hall id, salt, policy, first catalog")
    p.add_argument("--config", type=Path, default=None, help="TOML with a [kiosk] table of settings")
    p.add_argument("--elderly-from-id", action=argparse.BooleanOptionalAction, default=True,
                   help="elderly priority from the ID card's age and the hall's elderly_age (default: on)")
    p.add_argument("--fullscreen", action="store_true", help="kiosk mode: fullscreen, no cursor, no Escape")
    p.add_argument("--size", type=parse_size, default=(1280, 720), help="WxH when not fullscreen")
    p.add_argument("--screenshot-dir", type=Path, default=None)
    p.add_argument("--autopilot", type=float, default=None, metavar="S",
                   help="demo: a simulated citizen takes a ticket every S seconds")
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def configure(args: argparse.Namespace) -> None:
    from hallui.kivy_env import configure

    configure("hallq-kiosk", args.size, args.fullscreen, kiosk=args.fullscreen)


def build(args: argparse.Namespace, configured: bool = False) -> KioskApp:
    """Wire the controller to the bus, the devices and the window; nothing runs yet.

    Configures Kivy first unless `configured` (the runner has done it)."""
    if not configured:
        configure(args)
    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec
    from hallcore.hallfile import load_hall
    from hallui.bridge import on_ui
    from kiosk import devices_link
    from kiosk.app import KioskApp
    from kiosk.bus_feed import attach
    from kiosk.controller import KioskController
    from kiosk.hall_catalog import catalog_of
    from kiosk.printing import PrintWorker
    from kiosk.settings import load_settings

    hall = load_hall(args.hall)
    settings = load_settings(args.config, elderly_age=hall.policy.elderly_age if args.elderly_from_id else None)
    bus = BusClient(BrokerSpec.from_url(args.broker), hall.id, args.device)
    device, render = devices_link.open_printer(args.printer, args.printer_profile, hall.id)
    worker = PrintWorker(device, render)
    ctrl = KioskController(bus, worker, settings, post=on_ui)
    worker.on_status = on_ui(ctrl.on_printer_status)  # the worker reports only once started
    ctrl.set_catalog(catalog_of(hall))  # the retained state/catalog replaces it when it arrives
    attach(bus, ctrl, on_ui)
    urls = devices_link.InputUrls(args.scanner, args.camera, args.id_reader)  # not the whole argv
    inputs = devices_link.open_inputs(urls, hall.citizen_salt, on_ui(ctrl.scan), on_ui(ctrl.identity),
                                      on_ui(ctrl.card_problem))

    def start() -> None:
        if args.autopilot:
            from kivy.clock import Clock

            from kiosk.autopilot import Autopilot
            Autopilot(ctrl, args.autopilot, lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                      seed=sum(map(ord, args.device))).start()
        worker.start()
        bus.start()  # no wait: the kiosk says "connecting" until the broker and server answer
        for i in inputs:
            i.start()

    def stop() -> None:
        for i in inputs:
            i.stop()
        bus.stop()
        worker.stop()

    return KioskApp(ctrl, start, stop, args.screenshot_dir)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    return run("hallq-kiosk", args.size, args.fullscreen, args.log_level, lambda: build(args, configured=True),
               kiosk=args.fullscreen)
