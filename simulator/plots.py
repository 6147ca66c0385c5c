"""PNG plots of a simulation (matplotlib, Agg backend chosen when called, not at import)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.metrics import Summary


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _minutes(x: float | None) -> float:
    return float("nan") if x is None else x / 60


def write_plots(s: Summary, service_level_s: float, out: Path) -> list[Path]:
    """waits_by_hour.png, utilisation_by_hour.png, waits_by_group.png, windows.png into `out`."""
    plt = _pyplot()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    hours = [h.hour for h in s.hours]

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(hours, [_minutes(h.wait_mean_s) for h in s.hours], marker="o", label="mean wait")
    ax.plot(hours, [_minutes(h.wait_p90_s) for h in s.hours], marker="s", label="p90 wait")
    ax.axhline(service_level_s / 60, color="grey", linestyle="--", label="service-level target")
    ax2 = ax.twinx()
    ax2.bar(hours, [h.arrivals for h in s.hours], alpha=0.2, color="tab:green", label="arrivals/day")
    ax.set(xlabel="hour of issue", ylabel="minutes", title="Wait by hour of day")
    ax2.set_ylabel("arrivals per day")
    ax.set_zorder(ax2.get_zorder() + 1)  # lines over the bars
    ax.patch.set_visible(False)
    ax.legend(loc="upper left")
    paths.append(_save(fig, out / "waits_by_hour.png", plt))

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(hours, [float("nan") if h.utilisation is None else h.utilisation for h in s.hours], marker="o")
    ax.set(xlabel="hour", ylabel="% of open window time busy", title="Window utilisation by hour", ylim=(0, 105))
    paths.append(_save(fig, out / "utilisation_by_hour.png", plt))

    groups = list(s.groups)
    fig, ax = plt.subplots(figsize=(8, 4))
    xs = range(len(groups))
    ax.bar([x - 0.2 for x in xs], [_minutes(s.groups[g].get("wait_mean_s")) for g in groups], 0.4, label="mean")
    ax.bar([x + 0.2 for x in xs], [_minutes(s.groups[g].get("wait_p90_s")) for g in groups], 0.4, label="p90")
    ax.set_xticks(list(xs), groups, rotation=20)
    ax.set(ylabel="minutes", title="Wait by service group")
    ax.legend()
    paths.append(_save(fig, out / "waits_by_group.png", plt))

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(list(s.windows), list(s.windows.values()))
    ax.set(ylabel="% of open time busy", title="Utilisation by window", ylim=(0, 105))
    ax.tick_params(axis="x", rotation=45)
    paths.append(_save(fig, out / "windows.png", plt))
    return paths


def write_compare_plot(named: Sequence[tuple[str, Summary]], out: Path) -> Path:
    plt = _pyplot()
    out.mkdir(parents=True, exist_ok=True)
    groups = [*named[0][1].groups, "all"]
    width = 0.8 / len(named)
    fig, ax = plt.subplots(figsize=(9, 4))
    for k, (name, s) in enumerate(named):
        vals = [_minutes((s.totals if g == "all" else s.groups[g]).get("wait_mean_s")) for g in groups]
        ax.bar([i + (k - (len(named) - 1) / 2) * width for i in range(len(groups))], vals, width, label=name)
    ax.set_xticks(range(len(groups)), groups, rotation=20)
    ax.set(ylabel="mean wait, minutes", title="Same citizens, same staff: dedicated vs pooled windows")
    ax.legend()
    return _save(fig, out / "compare_pooled.png", plt)


def _save(fig: Any, path: Path, plt: Any) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
