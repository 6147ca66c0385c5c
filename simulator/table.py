"""Plain-text tables of a simulation summary (what `hallq simulate` prints)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.metrics import Summary


def _min(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds / 60:.1f}"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(r: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _group_row(name: str, f: dict[str, Any], days: int) -> list[str]:
    return [name, f"{f.get('issued', 0) / days:.0f}", _min(f.get("wait_mean_s")), _min(f.get("wait_p90_s")),
            _pct(f.get("service_level")), _pct(f.get("work_share", f.get("utilisation")))]


def summary_text(s: Summary, service_level_s: float, title: str) -> str:
    lvl = f"<= {service_level_s / 60:.0f} min %"
    out = [title, "", "By group (waits in minutes)"]
    rows = [_group_row(g, f, s.days) for g, f in s.groups.items()]
    rows.append(_group_row("all", s.totals, s.days))
    out.append(grid(["group", "tickets/day", "wait mean", "wait p90", lvl, "work %"], rows))
    out += ["", "By hour of day (of issue; utilisation: busy share of open window time)"]
    out.append(grid(["hour", "arrivals/day", "wait mean", "wait p90", lvl, "util %"],
                    [[f"{h.hour:02d}:00", f"{h.arrivals:.1f}", _min(h.wait_mean_s), _min(h.wait_p90_s),
                      _pct(h.service_level), _pct(h.utilisation)] for h in s.hours]))
    out += ["", "By window (utilisation: busy share of open time)"]
    out.append(grid(["window", "util %"], [[w, _pct(u)] for w, u in s.windows.items()]))
    t = s.totals
    out += ["", f"Hall: {t['issued'] / s.days:.0f} tickets/day, {t['no_shows'] / s.days:.0f} no-shows/day, "
                f"{t['waiting'] / s.days:.1f} still waiting at midnight/day, utilisation {_pct(t.get('utilisation'))} %"]
    return "\n".join(out)


def compare_text(named: Sequence[tuple[str, Summary]], service_level_s: float) -> str:
    """Groups side by side under each staffing: mean / p90 wait (min) and service level."""
    header = ["group"] + [f"{name}: mean/p90 min, <= {service_level_s / 60:.0f} min %" for name, _ in named]
    groups = list(named[0][1].groups)
    rows = []
    for g in [*groups, "all"]:
        row = [g]
        for _, s in named:
            f = s.totals if g == "all" else s.groups[g]
            row.append(f"{_min(f.get('wait_mean_s'))} / {_min(f.get('wait_p90_s'))}, {_pct(f.get('service_level'))}")
        rows.append(row)
    util = ["utilisation %"] + [_pct(s.totals.get("utilisation")) for _, s in named]
    return grid(header, [*rows, util])
