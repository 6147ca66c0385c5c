"""SIGHUP for a running Mosquitto (passwords, ACL, certificate; clients stay connected) or queue server.

The queue server on SIGHUP reads hall.toml and the catalog again (tickets stay); it is found
by the pid file `hallq server --pid-file DIR/server.pid` writes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

from provisioning.errors import ProvisionError


def _is_mosquitto(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == "mosquitto"
    except OSError:
        return not Path("/proc/self").exists()  # no procfs: cannot check, trust the operator


def _is_server(pid: int) -> bool:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return not Path("/proc/self").exists()
    return b"server" in args and any(a == b"hallq" or a.endswith(b"/hallq") for a in args)


def sighup_server(pid: int | None = None, pidfile: Path | None = None) -> int:
    """SIGHUP the queue server; a pid read from a file must still be a `hallq server`."""
    return sighup(pid, pidfile, _is_server, "queue server")


def server_if_running(pidfile: Path) -> int | None:
    """The queue server's pid, when its pid file names a running one (a server elsewhere has none here)."""
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _is_server(pid) else None


def resolve(pid: int | None, pidfile: Path | None, check: Callable[[int], bool] = _is_mosquitto,
            what: str = "mosquitto") -> int:
    """The pid to signal; one read from a file must still be a running `what` (a stale file is refused)."""
    if pid is not None:
        return pid
    if pidfile is None:
        raise ProvisionError(f"no {what} to reload: give --reload-pid or --reload")
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError) as exc:
        raise ProvisionError(f"{pidfile}: no {what} pid: {exc}") from exc
    if not check(pid):
        raise ProvisionError(f"{pidfile}: pid {pid} is not a running {what} (stale pid file?)")
    return pid


def resolve_server(pid: int | None, pidfile: Path | None) -> int:
    return resolve(pid, pidfile, _is_server, "queue server")


def sighup(pid: int | None = None, pidfile: Path | None = None, check: Callable[[int], bool] = _is_mosquitto,
           what: str = "mosquitto") -> int:
    """SIGHUP the broker (or `what`); a pid read from a file is checked first."""
    pid = resolve(pid, pidfile, check, what)
    try:
        os.kill(pid, signal.SIGHUP)
    except OSError as exc:
        raise ProvisionError(f"cannot signal {what} pid {pid}: {exc.strerror}") from exc
    return pid
