"""`make bench`: run every benchmark and gather their pages into docs/benchmarks.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ["bench_server.py", "bench_ticket_path.py", "bench_call_to_display.py", "bench_decode.py",
           "bench_simulate.py", "bench_kiosk.py", "bench_web_framework.py", "bench_web.py", "bench_security.py",
           "bench_booking.py", "bench_planner.py", "bench_visits.py", "bench_city.py"]
PAGES = ["server.md", "ticket-path.md", "display.md", "decode.md", "simulate.md", "kiosk.md", "web.md",
         "security.md", "booking.md", "planner.md", "visits.md", "city.md"]


def gather() -> None:
    parts = ["# Benchmarks", "",
             "Measured by the scripts in `bench/` (`make bench` runs them all and rewrites this page). "
             "Each section names the machine it ran on and a baseline measured in the same run.", ""]
    for page in PAGES:
        path = ROOT / "docs" / "benchmarks" / page
        if path.exists():
            parts += [path.read_text("utf-8").replace("\n# ", "\n## ").replace("# ", "## ", 1), ""]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(parts))


def main() -> int:
    failed = []
    for bench in (sys.argv[1:] or BENCHES):
        print(f"== {bench}", flush=True)
        if subprocess.call([sys.executable, str(ROOT / "bench" / bench)], cwd=ROOT) != 0:
            failed.append(bench)
    gather()
    print("failed: " + ", ".join(failed) if failed else "all benchmarks ran; see docs/benchmarks.md")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
