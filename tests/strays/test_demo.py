"""`hallq demo` leaves nothing running: stopped by SIGTERM, by Ctrl-C, or killed outright.

Each test follows the demo's own process tree (by pid and start time, via psutil), never the
machine's process list: other test runs share the machine.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from hallui.children import popen
from tests.support.procs import command, survivors, tree
from tests.support.server import ROOT


class Demo:
    def __init__(self, out: Path, *args: str) -> None:
        # a terminal job of its own, as a shell starts it: Ctrl-C goes to this group
        self.proc = popen([sys.executable, "-m", "hallq", "demo", "--out", str(out), "--duration", "300", *args],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, own_group=True)
        self.said: list[str] = []

    def wait_said(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:  # readline blocks; the demo prints a line a second at most
            line = self.proc.stdout.readline()
            if not line:
                break
            self.said.append(line.rstrip())
            if text in line:
                return
        raise AssertionError(f"the demo never said {text!r}: {self.said[-20:]}")

    def finish(self, timeout: float) -> int:
        assert self.proc.stdout is not None
        out, _ = self.proc.communicate(timeout=timeout)
        self.said += out.splitlines()
        return self.proc.returncode


def _gone(procs: list[psutil.Process], timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := survivors(procs)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _started(demo: Demo, least: int) -> list[psutil.Process]:
    procs = tree(demo.proc.pid)
    names = [command(p) for p in procs]
    assert len(procs) >= least, names
    assert any("mosquitto" in n for n in names) and any(" server " in n for n in names), names
    return procs


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_the_demo_stopped_leaves_nothing_running(tmp_path: Path, how: str) -> None:
    demo = Demo(tmp_path / "out", "--no-ui")
    try:
        demo.wait_said("server     demo hall", timeout=60)
        procs = _started(demo, least=3)  # the demo, its broker, its server
        if how == "SIGTERM":
            demo.proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(demo.proc.pid, signal.SIGINT)  # what the terminal does: the job's group only
        assert demo.finish(timeout=30) == 0, demo.said[-10:]
        assert any("hallq demo: issued" in line for line in demo.said), "it stopped as it does at the end"
        assert not _gone(procs, timeout=5), survivors(procs)
    finally:
        demo.proc.kill()
        demo.proc.wait()


def test_the_demo_killed_outright_takes_its_children_with_it(tmp_path: Path) -> None:
    demo = Demo(tmp_path / "out", "--no-ui")
    try:
        demo.wait_said("server     demo hall", timeout=60)
        procs = _started(demo, least=3)
        demo.proc.send_signal(signal.SIGKILL)
        demo.proc.wait(10)
        left = _gone(procs, timeout=15)
        assert not left, f"still running after the demo was killed -9: {left}"
    finally:
        demo.proc.kill()
        demo.proc.wait()


@pytest.mark.slow
@pytest.mark.ui
def test_the_whole_headless_demo_stopped_by_sigterm_leaves_nothing_running(tmp_path: Path) -> None:
    out = tmp_path / "out"
    demo = Demo(out, "--headless")
    try:
        demo.wait_said("manager    mgr-01", timeout=120)
        deadline = time.monotonic() + 90
        logs = [out / "logs" / f"{app}.log" for app in
                ("kiosk-01", "kiosk-02", "display-main", "win-01", "win-02", "eval-03", "mgr-01")]
        while time.monotonic() < deadline and not all(
                "main loop" in log.read_text(errors="replace") for log in logs if log.exists()):
            time.sleep(0.5)
        procs = _started(demo, least=1 + 1 + 1 + 7 + 7 + 2)  # demo, broker, server, apps, Xvfbs, printers
        demo.proc.send_signal(signal.SIGTERM)
        assert demo.finish(timeout=60) == 0, demo.said[-10:]
        assert not _gone(procs, timeout=5), survivors(procs)
    finally:
        demo.proc.kill()
        demo.proc.wait()
