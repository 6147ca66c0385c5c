"""The durable ticket path: server CPU per ticket, throughput against an echo responder, p99.

Both responders run as their own process on the same broker in the same run, each measured
by its own CPU time (utime + stime) over the throughput phase: 20 kiosk processes
(bench/load_client.py), 16 requests in flight each. `--profile FILE` also records the server
with py-spy over that phase (a flame graph in SVG, or `--format raw` text by extension).
Run: python bench/bench_ticket_path.py [--per 300] [--profile out.svg]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.bench_server import pct, round_trips, throughput  # noqa: E402
from bench.machine import describe  # noqa: E402
from tests.support.broker import Mosquitto  # noqa: E402
from tests.support.server import ServerProcess, client  # noqa: E402

ECHO = """
import sys, time
sys.path.insert(0, sys.argv[2])
from bench.bench_server import Echo
Echo(sys.argv[1])
print("ready", flush=True)
time.sleep(3600)
"""


def cpu_s(pid: int) -> float:
    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


def phase(url: str, pid: int, clients: int, per: int, profile: str | None) -> tuple[float, float, int]:
    """(requests/s, CPU us per request of `pid`, errors)."""
    spy = None
    if profile:
        fmt = ["--format", "raw"] if profile.endswith(".txt") else []
        spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
                                "--rate", "250", "--threads", "--output", profile, *fmt],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
    c0 = cpu_s(pid)
    rate, errors = throughput(url, clients, per, 16)
    used = cpu_s(pid) - c0
    if spy is not None:
        spy.send_signal(2)
        spy.wait(30)
    return rate, used / (clients * per) * 1e6, errors


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--per", type=int, default=300, help="requests per kiosk process")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--rtt", type=int, default=1000, help="single ticket.issue round trips")
    p.add_argument("--profile", help="py-spy output for the server's throughput phase")
    p.add_argument("--label", default="", help="a name for this run in the JSON line")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        broker = Mosquitto(Path(d)).start()
        try:
            echo = subprocess.Popen([sys.executable, "-c", ECHO, broker.url, str(ROOT)], stdout=subprocess.PIPE,
                                    text=True)
            assert echo.stdout is not None and echo.stdout.readline().strip() == "ready"
            base_rtt = round_trips(broker.url, "kiosk-20", args.rtt)
            base_tp, base_cpu, _ = phase(broker.url, echo.pid, args.clients, args.per, None)
            echo.terminate()
            echo.wait()
            server = ServerProcess(broker.url, Path(d) / "hall.db")
            probe = client(broker.url, "display-main")
            server.start(wait_client=probe)
            probe.stop()
            assert server.proc is not None
            rtt = round_trips(broker.url, "kiosk-19", args.rtt)
            tp, cpu, errors = phase(broker.url, server.proc.pid, args.clients, args.per, args.profile)
            server.stop()
        finally:
            broker.stop()
    out = {"label": args.label, "machine": describe(), "load": os.getloadavg()[0],
           "server_tps": round(tp), "echo_tps": round(base_tp), "ratio": round(tp / base_tp, 2),
           "server_cpu_us": round(cpu), "echo_cpu_us": round(base_cpu), "errors": errors,
           "issue_p50_ms": round(statistics.median(rtt), 2), "issue_p99_ms": round(pct(rtt, 99), 2),
           "echo_p50_ms": round(statistics.median(base_rtt), 2), "echo_p99_ms": round(pct(base_rtt, 99), 2)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
