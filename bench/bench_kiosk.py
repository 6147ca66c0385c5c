"""Bench: the kiosk's cold start to its first frame, and its resident memory against a bare
Kivy window holding a connected paho client.

Standalone: `python bench/bench_kiosk.py [--runs 3] [--write docs/benchmarks/kiosk.md]`.
Starts its own Mosquitto, and Xvfb when no DISPLAY is set. Each figure is a fresh process:
"first frame" is from just before `Popen` to the window's first `on_flip`; memory is VmRSS
2 s after the first frame (welcome screen, connected), and again after the search index of
the catalog is built (pypinyin loaded), i.e. once a citizen has searched.
Targets: first frame <= 3 s; kiosk RSS <= 100 MB above the bare window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_START_S = 3.0
TARGET_EXTRA_MB = 100.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_kiosk(broker: str, out: Path, tmp: Path) -> None:
    from kiosk.main import build, parse_args

    app = build(parse_args(["--broker", broker, "--printer", f"jsonl:{tmp / 'slips.jsonl'}", "--log-level",
                            "WARNING"]))
    from kivy.clock import Clock  # after build: kivy_env.configure must come first
    found: dict[str, float] = {}

    def measure(_dt: float) -> None:
        found["rss_welcome_mb"] = rss_mb()
        app.ctrl.index.search("hk")  # what the first search costs: pypinyin and the index
        found["rss_search_mb"] = rss_mb()
        out.write_text(json.dumps(found))
        app.stop()

    def first() -> None:
        found["first_frame_at"] = time.time()
        Clock.schedule_once(measure, 2.0)

    app.first_frame = first
    app.run()


def child_bare(broker: str, out: Path) -> None:
    from hallui.kivy_env import configure

    configure("bare", (1280, 720))
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.uix.label import Label

    from hallbus.mqtt import BrokerSpec, Connection  # the one paho client of the tree, nothing added

    c = Connection(BrokerSpec.from_url(broker), "bench-bare")
    c.start(wait=10)
    found: dict[str, float] = {}

    class Bare(App):
        def build(self) -> Label:
            Window.bind(on_flip=self.flip)
            return Label(text="bare")

        def flip(self, *_a: object) -> None:
            if "first_frame_at" not in found:
                found["first_frame_at"] = time.time()
                Clock.schedule_once(self.measure, 2.0)

        def measure(self, _dt: float) -> None:
            found["rss_welcome_mb"] = found["rss_search_mb"] = rss_mb()
            out.write_text(json.dumps(found))
            self.stop()

    Bare().run()
    c.stop()


def run_child(kind: str, broker: str, env: dict[str, str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "out.json"
        t0 = time.time()
        subprocess.run([sys.executable, __file__, "--child", kind, "--broker", broker, "--out", str(out)],
                       cwd=ROOT, env=env, check=True, timeout=60, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        found: dict[str, float] = json.loads(out.read_text())
        found["start_s"] = found["first_frame_at"] - t0
        return found


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--write", type=Path, default=ROOT / "docs" / "benchmarks" / "kiosk.md")
    p.add_argument("--child", default=None)
    p.add_argument("--broker", default=None)
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args()
    if a.child == "kiosk":
        child_kiosk(a.broker, a.out, a.out.parent)
        return 0
    if a.child == "bare":
        child_bare(a.broker, a.out)
        return 0
    from bench.machine import describe
    from tests.support.broker import Mosquitto
    from tests.support.xvfb import Xvfb

    with tempfile.TemporaryDirectory() as d:
        broker = Mosquitto(Path(d)).start()
        xvfb = None if os.environ.get("DISPLAY") else Xvfb((1280, 720)).start()
        env = {**os.environ, "PYTHONPATH": str(ROOT), **({"DISPLAY": xvfb.display} if xvfb else {})}
        try:
            run_child("kiosk", broker.url, env)  # warm the font cache and the OS page cache once
            kiosk = [run_child("kiosk", broker.url, env) for _ in range(a.runs)]
            bare = [run_child("bare", broker.url, env) for _ in range(a.runs)]
        finally:
            broker.stop()
            if xvfb:
                xvfb.stop()

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    start, start_max = med(kiosk, "start_s"), max(r["start_s"] for r in kiosk)
    extra, extra_search = med(kiosk, "rss_welcome_mb") - med(bare, "rss_welcome_mb"), \
        med(kiosk, "rss_search_mb") - med(bare, "rss_welcome_mb")
    lines = [
        "# Benchmark: kiosk start and memory", "",
        f"Machine: {describe()}", "",
        f"`bench/bench_kiosk.py`, median of {a.runs} fresh processes each (after one warm-up run), under "
        f"{'Xvfb (software GL)' if xvfb else 'the given DISPLAY'}, 1280x720, a local Mosquitto, the demo hall.", "",
        "| process | first frame s (median / max) | RSS MB welcome | RSS MB after a search |",
        "| --- | ---: | ---: | ---: |",
        f"| kiosk | {start:.2f} / {start_max:.2f} | {med(kiosk, 'rss_welcome_mb'):.0f} | "
        f"{med(kiosk, 'rss_search_mb'):.0f} |",
        f"| bare Kivy window + paho client | {med(bare, 'start_s'):.2f} / {max(r['start_s'] for r in bare):.2f} | "
        f"{med(bare, 'rss_welcome_mb'):.0f} | - |", "",
        f"Cold start to first frame: {start:.2f} s (target <= {TARGET_START_S:.0f} s: "
        f"{'within' if start_max <= TARGET_START_S else 'OVER'}).",
        f"Memory above the bare window: {extra:.0f} MB at welcome, {extra_search:.0f} MB after a search "
        f"(target <= {TARGET_EXTRA_MB:.0f} MB: {'within' if extra_search <= TARGET_EXTRA_MB else 'OVER'}).", "",
    ]
    text = "\n".join(lines)
    print(text)
    a.write.parent.mkdir(parents=True, exist_ok=True)
    a.write.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
