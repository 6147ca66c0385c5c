"""Running a hall screen app as a process under Xvfb and reading its `--screenshot-dir`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"


class ScreenApp:
    def __init__(self, command: str, args: list[str], shots: Path, env: dict[str, str], log: Path) -> None:
        self.shots = shots
        self.log = log
        out = open(log, "ab")  # noqa: SIM115 - the process owns it
        self.proc = subprocess.Popen([sys.executable, "-m", "hallq", command, *args, "--screenshot-dir", str(shots)],
                                     cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=out, stderr=out)

    def wait_shot(self, pred: Callable[[dict[str, Any]], bool], timeout: float = 20.0) -> tuple[Path, dict[str, Any]]:
        """The first screenshot (in order) whose JSON satisfies `pred`."""
        deadline = time.monotonic() + timeout
        seen: dict[Path, dict[str, Any]] = {}
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            for meta in sorted(self.shots.glob("*.json")) if self.shots.exists() else []:
                if meta not in seen:
                    seen[meta] = json.loads(meta.read_text(encoding="utf-8"))
                    if pred(seen[meta]):
                        return meta.with_suffix(".png"), seen[meta]
            time.sleep(0.05)
        raise AssertionError(f"no screenshot matched; last: {list(seen.values())[-1:]}\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def keep(png: Path, folder: str, name: str) -> Path:
    """Copy a screenshot to artifacts/<folder>/ for people to look at."""
    out = ARTIFACTS / folder / name
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, out)
    return out


def not_blank(png: Path) -> Image.Image:
    img = Image.open(png).convert("RGB")
    colors = img.getcolors(maxcolors=1 << 20) or []
    assert len(colors) > 50, f"{png} looks blank ({len(colors)} colours)"
    return img


def share(img: Image.Image, rgb: tuple[int, int, int], box: tuple[float, float, float, float], tol: int = 12) -> float:
    """Fraction of pixels close to `rgb` in a box given as fractions of the image (x0, y0, x1, y1)."""
    w, h = img.size
    crop = img.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    px = list(crop.get_flattened_data()) if hasattr(crop, "get_flattened_data") else list(crop.getdata())
    near = sum(1 for p in px if all(abs(a - b) <= tol for a, b in zip(p, rgb, strict=True)))
    return near / max(1, len(px))
