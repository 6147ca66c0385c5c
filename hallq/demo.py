"""`hallq demo`: the whole hall on one machine, with virtual devices, through a real broker.

Broker, queue server, two kiosks on virtual printers (with demo citizens), the hall display,
two window consoles, an evaluator and the manager console; scripted windows keep the hall
moving. With no screen (or --headless) each app gets its own Xvfb, and screenshots, receipts
and logs go to the output folder, whose name is printed at the start and the end.

Ctrl-C or SIGTERM stops everything it started: each child leads its own process group (so a
Ctrl-C at the terminal reaches the demo alone, which stops the apps, then the server, then the
broker, and kills each group whole), and each child is stopped by the kernel if the demo is
killed outright (`hallui.children`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from hallq.demo_traffic import Traffic
from hallq.local_broker import Mosquitto, free_port
from hallui.children import popen, stop_groups
from hallui.xvfb import Xvfb

APPS = [  # (name, hallq arguments after the subcommand), printers filled in at start
    ("kiosk-01", ["kiosk", "--device", "kiosk-01", "--autopilot", "9"]),
    ("kiosk-02", ["kiosk", "--device", "kiosk-02", "--autopilot", "13"]),
    ("display-main", ["display", "--device", "display-main", "--size", "1920x1080"]),
    ("win-01", ["window", "--device", "win-01"]),
    ("win-02", ["window", "--device", "win-02"]),
    ("eval-03", ["evaluator", "--device", "eval-03", "--window", "win-03"]),
    ("mgr-01", ["manager", "--device", "mgr-01"]),
]


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq demo", description=__doc__)
    p.add_argument("--out", type=Path, default=Path("demo-out"), help="screenshots, receipts, logs")
    p.add_argument("--duration", type=float, default=None,
                   help="seconds to run (default: 75 headless, until Ctrl-C with a screen)")
    p.add_argument("--headless", action="store_true", help="run the screens on Xvfb even with a DISPLAY")
    p.add_argument("--no-ui", action="store_true", help="only broker, server and scripted traffic")
    return p.parse_args(argv)


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.out = args.out.resolve()
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.xservers: list[Xvfb] = []
        self.broker: Mosquitto | None = None
        self.duration: float | None = None
        self.traffic: Traffic | None = None

    def spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = open(self.out / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
        proc = popen([sys.executable, "-m", "hallq", *argv], stdout=log, stderr=log, env=env or dict(os.environ),
                     own_group=True)
        self.procs.append((name, proc))
        return proc

    def printer(self, kiosk: str) -> str:
        log = open(self.out / "logs" / f"printer-{kiosk}.log", "ab")  # noqa: SIM115 - the child owns it
        proc: subprocess.Popen[str] = popen(
            [sys.executable, "-m", "hallq", "printer-emulator", "--port", "0", "--out", str(self.out / "receipts" / kiosk)],
            stdout=subprocess.PIPE, stderr=log, text=True, own_group=True)
        self.procs.append((f"printer-{kiosk}", proc))  # type: ignore[arg-type]
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()  # "listening on 127.0.0.1:PORT"
        return "tcp://" + line.rsplit(" ", 1)[-1]

    def screen_env(self, headless: bool) -> dict[str, str]:
        if not headless:
            return dict(os.environ)
        x = Xvfb((1920, 1080)).start()
        self.xservers.append(x)
        return x.env()

    def run(self) -> int:
        signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl-C, not die leaving the children
        try:
            self.start().run(self.duration)
        except KeyboardInterrupt:
            print("hallq demo: stopping", flush=True)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not cut the stopping short
                signal.signal(sig, signal.SIG_IGN)
            if self.traffic is not None:  # a stop during start-up too
                print(f"hallq demo: {self.traffic.summary()}")
            self.stop()
        receipts = sorted((self.out / "receipts").rglob("*.png"))
        screens = sorted((self.out / "screens").rglob("*.png"))
        print(f"hallq demo: {len(receipts)} receipts, {len(screens)} screenshots, logs and hall.db in {self.out}")
        return 0

    def start(self) -> Traffic:
        if self.out.exists():
            shutil.rmtree(self.out)
        for sub in ("logs", "receipts", "screens"):
            (self.out / sub).mkdir(parents=True)
        headless = self.args.headless or not os.environ.get("DISPLAY")
        self.duration = self.args.duration or (75.0 if headless else None)
        print(f"hallq demo: output in {self.out}", flush=True)
        self.broker = broker = Mosquitto(self.out)
        broker.start()
        print(f"  broker     {broker.url}")
        web = f"http://127.0.0.1:{free_port()}"  # the phone pages; the slips' QR codes point here
        self.spawn("server", ["server", "--hall", "demo", "--broker", broker.url, "--db", str(self.out / "hall.db"),
                              "--public-url", web])
        self.spawn("web", ["web", "--hall", "demo", "--broker", broker.url, "--listen", web[len("http://"):],
                           "--public-url", web])
        self.traffic = traffic = Traffic(broker.url, self.out)
        traffic.wait_for_server()
        print("  server     demo hall: 12 windows, 45 matters, 5 groups", flush=True)
        print(f"  web        {web}/  (phone pages: scan a slip's QR code)", flush=True)
        if not self.args.no_ui:
            for name, argv in APPS:
                extra = ["--broker", broker.url, "--screenshot-dir", str(self.out / "screens" / name)]
                if argv[0] == "kiosk":
                    extra += ["--printer", self.printer(name)]
                if argv[0] == "display":
                    extra += ["--voice", "none" if headless else "espeak"]
                self.spawn(name, [*argv, *extra], self.screen_env(headless))
                print(f"  {argv[0]:<10} {name}" + (" (Xvfb)" if headless else ""), flush=True)
        return traffic

    def stop(self) -> None:
        """The apps and the server first (its presence goes offline through a live broker), then the
        screens, then the broker; each child's group whole, killed if it does not stop in time."""
        stop_groups([p for _, p in reversed(self.procs)], timeout=10)
        stop_groups([x.proc for x in self.xservers if x.proc is not None], timeout=5)
        if self.broker is not None and self.broker.proc is not None:
            stop_groups([self.broker.proc], timeout=5)
            self.broker.proc = None


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    return Demo(parse_args(argv)).run()
