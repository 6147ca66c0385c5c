"""Tell a running Mosquitto to re-read its password and ACL files (SIGHUP keeps clients connected)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from provisioning.errors import ProvisionError


def _is_mosquitto(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == "mosquitto"
    except OSError:
        return not Path("/proc/self").exists()  # no procfs: cannot check, trust the operator


def sighup(pid: int | None = None, pidfile: Path | None = None) -> int:
    """SIGHUP the broker; a pid read from a file must still be a mosquitto (a stale file is refused)."""
    if pid is None:
        if pidfile is None:
            raise ProvisionError("no broker to reload: give --reload-pid or --reload-pidfile")
        try:
            pid = int(pidfile.read_text().strip())
        except (OSError, ValueError) as exc:
            raise ProvisionError(f"{pidfile}: no broker pid: {exc}") from exc
        if not _is_mosquitto(pid):
            raise ProvisionError(f"{pidfile}: pid {pid} is not a running mosquitto (stale pid file?)")
    try:
        os.kill(pid, signal.SIGHUP)
    except OSError as exc:
        raise ProvisionError(f"cannot signal broker pid {pid}: {exc.strerror}") from exc
    return pid
