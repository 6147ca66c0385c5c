"""The machine a benchmark ran on, for every figure written to docs/benchmarks/."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()}; CPU {cpu}; {os.cpu_count()} cores; Python {platform.python_version()}"
