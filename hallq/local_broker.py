"""Start a real Mosquitto on a free loopback port: for the demo and for tests.

The config is for one machine only (anonymous, loopback); a real hall gets its locked-down
config from `hallq provision init`.
"""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import time
from pathlib import Path

from hallui.children import popen

BASE_CONF = """\
per_listener_settings false
allow_anonymous true
set_tcp_nodelay true
max_queued_messages 0
max_inflight_messages 0
persistence false
log_dest stderr
log_type error
log_type warning
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 10.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


class Mosquitto:
    """A broker process; `restart()` keeps the port so clients can reconnect."""

    def __init__(self, workdir: Path, port: int | None = None, conf: str | None = None) -> None:
        exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        self.exe = exe
        self.workdir = workdir
        self.port = port or free_port()
        self.conf_path = workdir / "mosquitto.conf"
        # `user` as we are: run as root, mosquitto would switch users, and a change of credentials
        # clears the request to be stopped when its parent dies (hallui.children)
        body = conf if conf is not None else BASE_CONF + f"listener {self.port} 127.0.0.1\nuser {getpass.getuser()}\n"
        self.conf_path.write_text(body)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self) -> Mosquitto:
        log = open(self.workdir / "mosquitto.log", "ab")  # noqa: SIM115 - the process owns it
        # its own process group: a Ctrl-C reaches the demo, which stops the broker last
        self.proc = popen([self.exe, "-c", str(self.conf_path)], stdout=log, stderr=log, own_group=True)
        wait_port(self.port)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def restart(self, down_s: float = 0.5) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()
