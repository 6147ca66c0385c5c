"""What the kernel says about the processes a test started: CPU time, sockets, descendants.

Only ever about our own processes (by pid, from our own Popen): other test runs share the machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import psutil


@dataclass
class CpuWatch:
    """CPU share of one process (all its threads) between `start` and `share`: 1.0 is one whole core."""

    proc: psutil.Process
    cpu0: float = 0.0
    t0: float = 0.0

    @classmethod
    def of(cls, pid: int) -> CpuWatch:
        return cls(psutil.Process(pid)).start()

    def start(self) -> CpuWatch:
        t = self.proc.cpu_times()
        self.cpu0, self.t0 = t.user + t.system, time.monotonic()
        return self

    def share(self) -> float:
        t = self.proc.cpu_times()
        return (t.user + t.system - self.cpu0) / (time.monotonic() - self.t0)


def self_connected(pid: int) -> list[str]:
    """TCP sockets of the process connected to themselves (source address = destination address)."""
    try:
        conns = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.NoSuchProcess:
        return []
    return [f"{c.laddr.ip}:{c.laddr.port}" for c in conns if c.raddr and tuple(c.laddr) == tuple(c.raddr)]


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its live descendants now (each remembers its start time, so a reused pid
    is not taken for it)."""
    root = psutil.Process(pid)
    return [p for p in [root, *root.children(recursive=True)] if command(p)]


def command(p: psutil.Process) -> str:
    """Its command line; empty once it is a zombie or gone."""
    try:
        return " ".join(p.cmdline())
    except psutil.Error:
        return ""


def survivors(procs: list[psutil.Process]) -> list[str]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(f"{p.pid} {command(p)[:120]}")
        except psutil.NoSuchProcess:
            continue
    return out
