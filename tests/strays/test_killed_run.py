"""A test run killed outright (kill -9 of pytest) leaves no broker or server behind, even those
started from a thread that has ended since, as the chaos run starts them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.strays.test_demo import _gone
from tests.support.procs import command, survivors, tree
from tests.support.server import ROOT

RUN = textwrap.dedent("""
    import sys, threading, time
    from pathlib import Path
    from tests.support.broker import Mosquitto
    from tests.support.server import ServerProcess, client

    tmp = Path(sys.argv[1])
    broker = Mosquitto(tmp).start()
    probe = client(broker.url, "display-main")
    ServerProcess(broker.url, tmp / "a.db", hall="demo").start(wait_client=probe)
    (tmp / "b").mkdir()
    other = Mosquitto(tmp / "b").start()  # one server per broker: they would share a client id
    late = threading.Thread(target=lambda: ServerProcess(other.url, tmp / "b.db").start())
    late.start()
    late.join()
    time.sleep(1.0)  # the thread that started the second server is gone: the server must not be
    print("ready", flush=True)
    time.sleep(600)
""")


def test_servers_and_brokers_of_a_killed_test_run_stop_with_it(tmp_path: Path) -> None:
    run = subprocess.Popen([sys.executable, "-c", RUN, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "ready"
        procs = tree(run.pid)
        names = [command(p) for p in procs[1:]]
        assert len([n for n in names if " server " in n]) == 2, names
        assert len([n for n in names if "mosquitto" in n]) == 2, names
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        t0 = time.monotonic()
        left = _gone(procs[1:], timeout=15)
        assert not left, f"still running {time.monotonic() - t0:.1f}s after the run was killed: {left}"
    finally:
        run.kill()
        run.wait()
        for p in survivors(procs if "procs" in locals() else []):
            os.kill(int(p.split()[0]), signal.SIGKILL)
