"""Nothing lost, nothing twice: tickets from 20 kiosks while the broker restarts 3 times and the
server is killed -9 twice, windows calling throughout.

HALLQ_FAULT_TICKETS sets the size: 2000 by default (CI, about a minute), 10000 in the dedicated run
(docs/faults.md); once on the SQLite store, once on PostgreSQL (skipped without one). Counts are printed (pytest -s) and written to HALLQ_FAULT_REPORT when set.
"""

from __future__ import annotations

import json
import os
import threading
import time

import psycopg
import pytest

from tests.faults import display, tally
from tests.faults.workers import WINDOWS, Kiosk, WindowClerk
from tests.support.broker import Mosquitto, in_ephemeral_range
from tests.support.server import ServerProcess, client

TICKETS = int(os.environ.get("HALLQ_FAULT_TICKETS", "2000"))
KIOSKS = [f"kiosk-{i:02d}" for i in range(1, 21)]
# (fraction of tickets answered, fault): broker restarts 3 times, the server is killed -9 twice
SCHEDULE = [(0.12, "broker"), (0.25, "server"), (0.40, "broker"), (0.55, "server"), (0.70, "broker")]


def _progress(kiosks: list[Kiosk]) -> float:
    return sum(len(k.answers) for k in kiosks) / TICKETS


def _chaos(broker, server, kiosks: list[Kiosk], done: threading.Event, log: list[str]) -> None:
    for at, fault in SCHEDULE:
        while _progress(kiosks) < at and not done.is_set():
            time.sleep(0.02)
        if done.is_set():
            return
        t0 = time.monotonic()
        if fault == "broker":
            broker.restart(down_s=0.5)
        else:
            server.kill9()
            time.sleep(0.3)
            server.start()
        log.append(f"{fault} at {_progress(kiosks):.0%} ({time.monotonic() - t0:.1f}s)")


TIMEOUT = max(280, TICKETS // 20 + 120)


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_tickets_survive_broker_restarts_and_server_kills(broker, server):
    run_chaos(broker, server, tally.store_query(server.db))


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_the_same_on_the_postgresql_store(broker, pg_url, tmp_path):
    with psycopg.connect(pg_url, autocommit=True) as conn:  # advisory locks are per database
        if not conn.execute("SELECT pg_try_advisory_lock(hashtext('hallq:demo'))").fetchone()[0]:
            pytest.skip("another server holds hall 'demo' on this PostgreSQL database")
        conn.execute("SELECT pg_advisory_unlock(hashtext('hallq:demo'))")
    server = ServerProcess(broker.url, pg_url, log=tmp_path / "server.log")  # type: ignore[arg-type]
    probe = client(broker.url, "display-main")
    server.start(wait_client=probe)
    probe.stop()
    try:
        run_chaos(broker, server, tally.store_query(pg_url))
    finally:
        server.stop()


def run_chaos(broker: Mosquitto, server: ServerProcess, query: tally.Query) -> None:
    # where a reconnect loop that spins connects sockets to themselves and the restart cannot bind
    assert in_ephemeral_range(broker.port), broker.port
    share = [TICKETS // len(KIOSKS) + (1 if i < TICKETS % len(KIOSKS) else 0) for i in range(len(KIOSKS))]
    kiosks = [Kiosk(broker.url, d, n) for d, n in zip(KIOSKS, share, strict=True)]
    clerks = [WindowClerk(broker.url, w) for w in WINDOWS]
    stop_kiosks, stop_windows, chaos_done = threading.Event(), threading.Event(), threading.Event()
    watcher = display.StateView(broker.url, "display-chaos")
    threads = [threading.Thread(target=k.run, args=(stop_kiosks,), daemon=True) for k in kiosks]
    wthreads = [threading.Thread(target=c.run, args=(stop_windows,), daemon=True) for c in clerks]
    faults: list[str] = []
    chaos = threading.Thread(target=_chaos, args=(broker, server, kiosks, chaos_done, faults), daemon=True)
    started = time.monotonic()
    for t in [*wthreads, *threads, chaos]:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, started + TICKETS / 10 + 60 - time.monotonic()))
    stop_kiosks.set()
    chaos_done.set()
    chaos.join(30)
    issued_s = time.monotonic() - started
    deadline = time.monotonic() + 60 + TICKETS / 50
    while time.monotonic() < deadline and len({n for c in clerks for _, n in c.calls}) < TICKETS:
        time.sleep(0.1)
    stop_windows.set()
    for t in wthreads:
        t.join(15)

    counts, notes = tally.count(query, kiosks, clerks)
    report = {"tickets": TICKETS, "faults": faults, "issue_phase_s": round(issued_s, 1),
              "total_s": round(time.monotonic() - started, 1), **counts.as_dict()}
    print("\nfault run:", json.dumps(report), *notes, sep="\n")
    if os.environ.get("HALLQ_FAULT_REPORT"):
        with open(os.environ["HALLQ_FAULT_REPORT"], "w") as fh:
            json.dump({**report, "notes": notes}, fh, indent=1)

    assert len(faults) == len(SCHEDULE), faults
    assert server.proc is not None and server.proc.poll() is None, "the server is not running at the end"
    assert counts.requested == counts.answered_ok == counts.issued == TICKETS, notes
    assert counts.lost == counts.duplicated == counts.extra == 0, notes
    assert counts.called_twice == 0 and counts.never_called == 0 and counts.not_done == 0, notes
    assert counts.window_anomalies == 0, notes

    # the display that watched through the chaos, and one that starts now, both draw what the store holds
    extra = Kiosk(broker.url, "kiosk-01", 7, tag="late")
    extra.run(threading.Event())
    time.sleep(0.5)  # the server coalesces state publishes (50 ms)
    fresh = display.StateView(broker.url, "display-after")
    try:
        want_waiting, want_windows = display.from_store(query)
        assert sum(want_waiting.values()) == 7
        for view in (fresh, watcher):
            waiting, windows = display.drawn(view.wait_for("queues", "windows", "calls", "catalog"))
            assert waiting == want_waiting
            assert windows == {w: want_windows.get(w, ("closed", None)) for w in windows}
    finally:
        fresh.stop()
        watcher.stop()
