"""The day's report as one PNG (matplotlib, Agg, no pyplot): arrivals and mean wait by hour,
and ratings per window. Runs off the UI thread; matplotlib is imported on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT = "Noto Sans CJK SC"


def render(report: dict[str, Any], path: Path, service_level_s: float, size: tuple[float, float] = (10, 4)) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    hours = report.get("hours") or []
    xs = [int(h["hour"]) for h in hours]
    ax = fig.add_subplot(1, 2, 1)
    ax.bar(xs, [int(h.get("arrivals") or 0) for h in hours], color="#4a78b5", label="arrivals")
    ax.set_xlabel("hour of issue")
    ax.set_ylabel("arrivals")
    ax.set_title(f"{report.get('date', '')}: arrivals and mean wait by hour")
    waits = ax.twinx()
    waits.plot(xs, [(h.get("wait_mean_s") or 0) / 60 for h in hours], color="#d9822b", marker="o", label="wait")
    waits.axhline(service_level_s / 60, color="#c0392b", linestyle="--", linewidth=1)
    waits.set_ylabel("mean wait (min); dashed: target")
    if xs:
        ax.set_xticks(range(min(xs), max(xs) + 1))
        ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax2 = fig.add_subplot(1, 2, 2)
    windows = {k: v for k, v in (report.get("windows") or {}).items() if v.get("ratings")}
    names = sorted(windows)
    ax2.bar(names, [windows[n].get("rating_mean") or 0 for n in names], color="#3d9a5b")
    ax2.bar(names, [windows[n].get("bad_ratings") or 0 for n in names], color="#c0392b", width=0.4)
    ax2.set_ylim(0, 5)
    if not names:
        ax2.text(0.5, 0.5, "no ratings yet", ha="center", va="center", transform=ax2.transAxes, color="#666")
        ax2.set_xticks([])
    totals = report.get("totals") or {}
    ax2.set_title(f"ratings: {totals.get('ratings', 0)}, mean {totals.get('rating_mean') or '–'}, "
                  f"bad {totals.get('bad_ratings', 0)}")
    ax2.set_ylabel("mean score (green), bad ratings (red)")
    ax2.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(str(path))
    return path
