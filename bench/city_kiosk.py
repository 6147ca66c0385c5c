"""One hall's kiosk for the city benchmark: tickets at a set rate, each round trip timed.

Run by bench_city.py: `city_kiosk.py BROKER HALL RATE SECONDS`. Prints "ready", waits for a line on
stdin (so every hall starts together), then one JSON line: round trips in ms, numbers answered, errors.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hallbus.client import BusClient  # noqa: E402
from hallbus.envelope import Response  # noqa: E402
from hallbus.mqtt import BrokerSpec  # noqa: E402


def main() -> None:
    broker, hall, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    # many halls share the benchmark's one broker: each kiosk needs a client id of its own
    c = BusClient(BrokerSpec.from_url(broker), hall, "kiosk-01", retry_s=2.0, client_id=f"{hall}-kiosk-01").start(wait=10)
    n = int(rate * seconds)
    lock = threading.Lock()
    done = threading.Event()
    rtt: list[float] = []
    numbers: list[str] = []
    errors: list[str] = []

    def answered(started: float) -> Callable[[Response], None]:
        def on(r: Response) -> None:
            with lock:
                rtt.append((time.perf_counter() - started) * 1000)
                if r.ok and r.result:
                    numbers.append(r.result["ticket"]["number"])
                else:
                    errors.append(r.error_code or "?")
                if len(rtt) == n:
                    done.set()
        return on

    print("ready", flush=True)
    sys.stdin.readline()
    t0 = time.perf_counter()
    for i in range(n):  # open loop at the set rate: a slow answer does not slow the arrivals
        due = t0 + i / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        c.request_async("ticket.issue", {"matter": "hukou-transfer"}, answered(time.perf_counter()), timeout=30)
    done.wait(60)
    print(json.dumps({"hall": hall, "sent": n, "rtt_ms": rtt, "numbers": numbers, "errors": errors}), flush=True)
    c.stop()


if __name__ == "__main__":
    main()
