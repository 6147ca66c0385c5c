"""Child processes that cannot outlive the process that started them.

Each child asks the kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), so a
demo or a test run killed with -9 leaves no server, broker or screen behind. The kernel
means the parent *thread*: a child started from a thread that then ends would be stopped
with it, so a child asked for from any thread but the main one is started from one thread
that lives as long as the process.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1
_spawner = ThreadPoolExecutor(1, thread_name_prefix="spawner")  # its one thread starts on first use


@functools.cache
def _prctl() -> Callable[..., int] | None:
    name = ctypes.util.find_library("c")
    try:
        prctl: Callable[..., int] = ctypes.CDLL(name, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):
        return None  # not Linux: children are stopped by the ordinary stop paths only


def _die_with(parent: int, prctl: Callable[..., int] | None) -> Callable[[], None]:
    def run() -> None:  # in the child, between fork and exec: nothing here may take a lock
        if prctl is None:
            return
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took hold
            os.kill(os.getpid(), signal.SIGTERM)
    return run


def popen(args: Sequence[str], *, own_group: bool = False, **kwargs: Any) -> subprocess.Popen[Any]:
    """`subprocess.Popen` for a child that gets SIGTERM when this process dies.

    `own_group`: the child leads its own process group, so a Ctrl-C at the terminal reaches only
    this process, which then stops its children in order (and kills each group whole).
    """
    kwargs["preexec_fn"] = _die_with(os.getpid(), _prctl())
    if own_group:
        kwargs["process_group"] = 0
    if threading.current_thread() is threading.main_thread():
        return subprocess.Popen(args, **kwargs)
    return _spawner.submit(lambda: subprocess.Popen(args, **kwargs)).result()


def stop_groups(procs: Sequence[subprocess.Popen[Any]], timeout: float) -> None:
    """SIGTERM each child's process group, wait up to `timeout` for the children, then SIGKILL
    whatever is left in each group: a child that hung, and anything its child started.

    A child that exited is waited for without being reaped (WNOWAIT) until its group is killed:
    while it is a zombie its pid, which names the group, cannot go to some other process.
    """
    live = [p for p in procs if p.returncode is None]  # a reaped child's pid may be someone else's
    for p in live:
        _killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for p in live:
        while time.monotonic() < deadline and not _exited(p.pid):
            time.sleep(0.02)
    for p in live:
        _killpg(p.pid, signal.SIGKILL)
        p.wait()


def _killpg(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone already
        os.killpg(pgid, sig)


def _exited(pid: int) -> bool:
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True
