"""`hallq sms-twin --port 0 --key KEY [--out FILE]`: the SMS gateway's twin on a real socket."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from pathlib import Path

from devices.sms_twin import SmsTwin


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="hallq sms-twin", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--key", default=os.environ.get("HALLQ_SMS_KEY", "twin-key"))
    p.add_argument("--out", type=Path, help="append every delivered message to this JSON-lines file")
    args = p.parse_args(argv)
    twin = SmsTwin(args.key, args.out, args.host, args.port).start()
    print(f"hallq sms-twin: listening on {twin.url}", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    twin.stop()
    return 0
