"""A real X server (Xvfb) on a free display number: for the headless demo and for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from hallui.children import popen


class Xvfb:
    def __init__(self, size: tuple[int, int] = (1280, 720)) -> None:
        self.size = size
        self.display = ""
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Xvfb:
        exe = shutil.which("Xvfb")
        if exe is None:
            raise RuntimeError("Xvfb is missing: apt-get install xvfb")
        for n in range(90, 190):
            if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
                continue
            self.proc = popen([exe, f":{n}", "-screen", "0", f"{self.size[0]}x{self.size[1]}x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               own_group=True)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and self.proc.poll() is None:
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    self.display = f":{n}"
                    return self
                time.sleep(0.05)
            self.stop()
        raise RuntimeError("could not start Xvfb on any display :90-:189")

    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display}

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(5)
            self.proc = None
