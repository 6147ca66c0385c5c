"""A day of a 20-window hall at high speed through the real broker and server, with faults at
random moments: broker restarts, server kill -9, the server paused (SIGSTOP) and let go.

0 lost, 0 duplicated, 0 called twice, every ticket served, both displays right at the end, and
the server's memory flat (RSS sampled all along; the curve is printed, and written to
HALLQ_SOAK_REPORT when set): it grows by what the server keeps per answered request (each answer for
two days, the day's tickets) and by nothing with time alone. Sizes: HALLQ_SOAK_SPEED (600 by default: the day in about 50 s;
50 for the long run, about 10 minutes), HALLQ_SOAK_TICKETS (1000), HALLQ_SOAK_SEED.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.faults import day, display, tally
from tests.support.broker import Mosquitto, in_ephemeral_range
from tests.support.server import ServerProcess, client

SPEED = float(os.environ.get("HALLQ_SOAK_SPEED", "600"))
TICKETS = int(os.environ.get("HALLQ_SOAK_TICKETS", "1000"))
SEED = int(os.environ.get("HALLQ_SOAK_SEED", str(random.SystemRandom().randrange(1 << 16))))
SPAN = day.DAY_S / SPEED  # seconds of arrivals
KILLS_UNTIL = 0.6  # no kill -9 after 60 % of the day: the last server's memory is watched for the rest


def _faults(broker: Mosquitto, server: ServerProcess, t0: float, rng: random.Random, stop: threading.Event,
            log: list[str]) -> None:
    rounds = max(2, round(SPAN / 60))  # each kind about once a minute of the run, at least twice
    plan = [(rng.uniform(0.05, KILLS_UNTIL) * SPAN, "kill") for _ in range(rounds)]
    plan += [(rng.uniform(0.05, 0.95) * SPAN, kind) for kind in ("broker", "pause") for _ in range(rounds)]
    for at, kind in sorted(plan):
        if stop.wait(max(0.0, t0 + at - time.monotonic())):
            return
        began = time.monotonic()
        if kind == "broker":
            broker.restart(down_s=rng.uniform(0.3, 2.0))
        elif kind == "kill":
            server.kill9()
            server.start()
        else:
            assert server.proc is not None
            server.proc.send_signal(signal.SIGSTOP)
            stop.wait(rng.uniform(1.0, 5.0))  # paused: requests pile up at the broker
            server.proc.send_signal(signal.SIGCONT)
        log.append(f"{kind} at {began - t0:.1f}s ({time.monotonic() - began:.1f}s)")


Sample = tuple[float, int, float, int]  # (seconds, server pid, RSS in MiB, requests asked so far)
PER_REQUEST_KIB = 3.0  # what the server keeps per answered request (its answer, for 2 days; the day's tickets)
IDLE_MIB = 1.0  # what it may grow by with nothing asked


def _sample_rss(server: ServerProcess, devices: list[Any], t0: float, stop: threading.Event,
                out: list[Sample]) -> None:
    while not stop.wait(0.5):
        proc = server.proc
        try:
            if proc is not None:
                rss = psutil.Process(proc.pid).memory_info().rss / 2**20
                out.append((round(time.monotonic() - t0, 1), proc.pid, round(rss, 1),
                            sum(d.tries[0] for d in devices)))
        except psutil.Error:
            continue  # killed between the two lines


def _growth(samples: list[Sample]) -> tuple[float, str]:
    """KiB of RSS per request of the last server, after its first tenth of life."""
    last = [s for s in samples if s[1] == samples[-1][1]]
    a, b = last[len(last) // 10], last[-1]
    per = (b[2] - a[2]) * 1024 / max(1, b[3] - a[3])
    return per, f"pid {a[1]}: {a[2]} MiB at {a[0]} s -> {b[2]} MiB at {b[0]} s, {b[3] - a[3]} requests, {per:.2f} KiB each"


@pytest.mark.slow
@pytest.mark.timeout(int(SPAN * 3 + 240))
def test_a_day_of_a_20_window_hall_with_faults_at_random_moments(broker: Mosquitto, tmp_path: Path) -> None:
    assert in_ephemeral_range(broker.port)
    rng = random.Random(SEED)
    hall = tmp_path / "hall.toml"
    hall.write_text(day.hall_file(), "utf-8")
    server = ServerProcess(broker.url, tmp_path / "hall.db", hall=str(hall), log=tmp_path / "server.log")
    probe = client(broker.url, "display-main")
    server.start(wait_client=probe)
    probe.stop()
    query = tally.store_query(server.db)

    t0 = time.monotonic() + 2.0  # devices connect first
    plans: dict[str, list[tuple[float, str]]] = {k: [] for k in day.KIOSKS}
    for at, kiosk, matter in day.arrivals(TICKETS, SPEED, rng):
        plans[kiosk].append((at, matter))
    kiosks = [day.PacedKiosk(broker.url, k, len(p), plan=p, t0=t0) for k, p in plans.items()]
    clerks = [day.ServingClerk(broker.url, w, speed=SPEED, rng=random.Random(rng.random())) for w in day.WINDOWS]
    watcher = display.StateView(broker.url, "display-soak")
    stop_kiosks, stop_windows, stop_faults, stop_rss = (threading.Event() for _ in range(4))
    faults: list[str] = []
    rss: list[Sample] = []
    threads = [threading.Thread(target=k.run, args=(stop_kiosks,), daemon=True) for k in kiosks]
    wthreads = [threading.Thread(target=c.run, args=(stop_windows,), daemon=True) for c in clerks]
    extra = [threading.Thread(target=_faults, args=(broker, server, t0, rng, stop_faults, faults), daemon=True),
             threading.Thread(target=_sample_rss, args=(server, [*kiosks, *clerks], t0, stop_rss, rss), daemon=True)]
    try:
        for t in [*wthreads, *threads, *extra]:
            t.start()
        for t in threads:
            t.join(timeout=max(1.0, t0 + SPAN + 120 - time.monotonic()))
        stop_kiosks.set()
        stop_faults.set()
        extra[0].join(30)
        deadline = time.monotonic() + 120 + 25 * 60 / SPEED  # the longest service, squeezed
        while time.monotonic() < deadline and (len({n for c in clerks for _, n in c.calls}) < TICKETS
                                               or any(c.holding for c in clerks)):
            time.sleep(0.1)
    finally:
        stop_windows.set()
        stop_kiosks.set()
        stop_faults.set()
        for t in wthreads:
            t.join(15)
    idle_from = len(rss)
    time.sleep(max(5.0, SPAN / 10))  # the hall closed: nothing asked, the server's timers still run
    stop_rss.set()
    extra[1].join(5)
    idle = [s for s in rss[idle_from:] if s[1] == rss[-1][1]]

    try:
        counts, notes = tally.count(query, kiosks, clerks)
        per_request, curve = _growth(rss[:idle_from])
        idle_growth = idle[-1][2] - idle[0][2]
        report = {"seed": SEED, "speed": SPEED, "tickets": TICKETS, "span_s": round(SPAN, 1),
                  "total_s": round(time.monotonic() - t0, 1), "faults": faults, **counts.as_dict(),
                  "rss": curve, "idle_growth_mib": idle_growth, "rss_curve": rss[:: max(1, len(rss) // 40)]}
        print("\nsoak run:", json.dumps(report), *notes, sep="\n")
        if os.environ.get("HALLQ_SOAK_REPORT"):
            Path(os.environ["HALLQ_SOAK_REPORT"]).write_text(json.dumps({**report, "rss_all": rss}, indent=1))

        assert {f.split()[0] for f in faults} == {"broker", "kill", "pause"}, faults
        assert server.proc is not None and server.proc.poll() is None, "the server is not running at the end"
        assert counts.requested == counts.answered_ok == counts.issued == TICKETS, notes
        assert counts.lost == counts.duplicated == counts.extra == 0, notes
        assert counts.called_twice == 0 and counts.never_called == 0 and counts.not_done == 0, notes
        assert counts.window_anomalies == 0, notes

        late = day.PacedKiosk(broker.url, "kiosk-01", 7, tag="late", plan=[(0.0, "hukou-transfer")] * 7)
        late.run(threading.Event())
        time.sleep(0.5)  # the server coalesces state publishes (50 ms)
        fresh = display.StateView(broker.url, "display-after")
        try:
            display.check_drawn(query, [fresh, watcher])
        finally:
            fresh.stop()
        assert per_request <= PER_REQUEST_KIB, f"server memory grew: {curve}"
        assert idle_growth <= IDLE_MIB, f"server memory grew by {idle_growth} MiB with nothing asked"
    finally:
        watcher.stop()
        server.stop()
