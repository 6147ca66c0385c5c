"""The day's report as one PNG (matplotlib, Agg, no pyplot): arrivals and mean wait by hour,
and ratings per window. Runs off the UI thread; matplotlib is imported on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _cjk_family() -> str:
    """The Simplified-Chinese face the apps use (hallui.fonts), registered with matplotlib:
    its labels are in Chinese and English, and DejaVu has no Chinese."""
    from matplotlib import font_manager

    from hallui.fonts import sc_font

    path = str(sc_font("Regular"))
    font_manager.fontManager.addfont(path)
    return str(font_manager.FontProperties(fname=path).get_name())


def render(report: dict[str, Any], path: Path, service_level_s: float, size: tuple[float, float] = (10, 4)) -> Path:
    from matplotlib import rc_context

    with rc_context({"font.family": [_cjk_family(), "DejaVu Sans"], "axes.unicode_minus": False}):
        return _render(report, path, service_level_s, size)


def _render(report: dict[str, Any], path: Path, service_level_s: float, size: tuple[float, float]) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    hours = report.get("hours") or []
    xs = [int(h["hour"]) for h in hours]
    ax = fig.add_subplot(1, 2, 1)
    ax.bar(xs, [int(h.get("arrivals") or 0) for h in hours], color="#4a78b5", label="arrivals")
    ax.set_xlabel("取号时段 hour of issue")
    ax.set_ylabel("取号数 arrivals")
    ax.set_title(f"{report.get('date', '')}  取号与平均等候 arrivals and mean wait")
    waits = ax.twinx()
    waits.plot(xs, [(h.get("wait_mean_s") or 0) / 60 for h in hours], color="#d9822b", marker="o", label="wait")
    waits.axhline(service_level_s / 60, color="#c0392b", linestyle="--", linewidth=1)
    waits.set_ylabel("平均等候 mean wait (min); 虚线 dashed: 目标 target")
    if xs:
        ax.set_xticks(range(min(xs), max(xs) + 1))
        ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    # ratings per window: the mean score (1-5) and the count on their own axes, side by side
    ax2 = fig.add_subplot(1, 2, 2)
    windows = {k: v for k, v in (report.get("windows") or {}).items() if v.get("ratings")}
    names = sorted(windows)
    at = list(range(len(names)))
    ax2.bar([x - 0.2 for x in at], [windows[n].get("rating_mean") or 0 for n in names], width=0.4,
            color="#3d9a5b", label="均分 mean score")
    ax2.set_ylim(0, 5)
    ax2.set_ylabel("均分 mean score (1–5)", color="#3d9a5b")
    counts = ax2.twinx()
    counts.bar([x + 0.2 for x in at], [windows[n].get("ratings") or 0 for n in names], width=0.4,
               color="#9aa5b1", label="评价数 ratings")
    counts.bar([x + 0.2 for x in at], [windows[n].get("bad_ratings") or 0 for n in names], width=0.4,
               color="#c0392b", label="差评 bad")
    counts.set_ylabel("评价数 ratings (grey), 差评 bad (red)")
    counts.set_ylim(0, max([int(windows[n].get("ratings") or 0) for n in names] + [1]) * 1.2)
    ax2.set_xticks(at)
    ax2.set_xticklabels(names, rotation=45)
    if not names:
        ax2.text(0.5, 0.5, "暂无评价 no ratings yet", ha="center", va="center", transform=ax2.transAxes,
                 color="#666")
    totals = report.get("totals") or {}
    ax2.set_title(f"评价 ratings {totals.get('ratings', 0)}   均分 mean {totals.get('rating_mean') or '–'}   "
                  f"差评 bad {totals.get('bad_ratings', 0)}")
    ax2.set_xlabel("窗口 window")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(str(path))
    return path
