"""One kiosk (or echo client) process for the throughput benchmark: N requests, W in flight."""

from __future__ import annotations

import json
import sys
import threading
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))

from hallbus.client import BusClient  # noqa: E402
from hallbus.mqtt import BrokerSpec  # noqa: E402


def main() -> None:
    broker, device, n, window = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    c = BusClient(BrokerSpec.from_url(broker), "demo", device, retry_s=5.0).start(wait=10)
    slots = threading.Semaphore(window)
    done = threading.Event()
    errors = 0
    count = 0
    lock = threading.Lock()

    def answered(r):  # type: ignore[no-untyped-def]
        nonlocal errors, count
        with lock:
            count += 1
            errors += 0 if r.ok else 1
            if count == n:
                done.set()
        slots.release()

    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()  # start together
    t0 = time.perf_counter()
    for _ in range(n):
        slots.acquire()
        c.request_async("ticket.issue", {"matter": "hukou-transfer"}, answered, timeout=60)
    done.wait(120)
    elapsed = time.perf_counter() - t0
    print(json.dumps({"n": count, "errors": errors, "elapsed": elapsed}))
    c.stop()


if __name__ == "__main__":
    main()
