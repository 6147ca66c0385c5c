"""`hallq web` as a real process on a free port (it prints where it listens), and an SMS twin."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


class WebProcess:
    def __init__(self, broker_url: str, log: Path, public_url: str = "", extra: list[str] | None = None,
                 hall: str = "demo") -> None:
        self.broker_url, self.log, self.public_url, self.extra, self.hall = broker_url, log, public_url, extra or [], hall
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self, timeout: float = 20.0, wait_state: bool = True) -> WebProcess:
        err = open(self.log, "ab")  # noqa: SIM115 - the process owns it
        argv = [sys.executable, "-m", "hallq", "web", "--hall", self.hall, "--broker", self.broker_url,
                "--listen", "127.0.0.1:0", *(["--public-url", self.public_url] if self.public_url else []),
                *self.extra]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # "hallq web: listening on http://127.0.0.1:PORT ..."
        assert "listening on" in line, self.log.read_text()[-2000:]
        self.url = line.split("listening on ", 1)[1].split()[0]
        if wait_state:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> None:
        """Ready when it has the hall's retained state from the bus."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                h = httpx.get(f"{self.url}/healthz", timeout=2).json()
                if {"catalog", "queues", "windows"} <= set(h["state"]):
                    return
            except httpx.HTTPError:
                pass
            assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-2000:]
            time.sleep(0.1)
        raise TimeoutError("hallq web did not get the hall's state")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
