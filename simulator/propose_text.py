"""`hallq plan --propose`: the top proposals as text, each beside the current assignment."""

from __future__ import annotations

from hallcore.config import HallConfig
from simulator.planner import Forecast, HallState
from simulator.propose import Proposal
from simulator.table import grid


def _m(f: Forecast | None) -> str:
    return "-" if f is None or f.mean_s is None else f"{f.mean_s / 60:.1f} / {(f.p90_s or 0) / 60:.1f}"


def proposals_text(config: HallConfig, state: HallState, current: dict[str, Forecast],
                   proposals: list[Proposal]) -> str:
    now_groups = {w.id: w.groups for w in config.windows} | {w: s.groups for w, s in state.windows.items()}
    out = []
    heads = ["group", "waiting", "arrivals/h", "now: mean / p90"] + [f"#{i + 1}: mean / p90"
                                                                    for i in range(len(proposals))]
    rows = []
    for g in config.groups:
        now = state.groups.get(g.code)
        rows.append([g.code, str(now.waiting if now else 0), f"{now.arrivals_per_h if now else 0:.1f}",
                     _m(current.get(g.code)), *(_m(p.forecast.get(g.code)) for p in proposals)])
    out.append(grid(heads, rows))
    for i, p in enumerate(proposals, 1):
        verdict = "meets the service level" if p.meets_target else "lowest mean wait with the staff on duty"
        out.append(f"\n#{i}: {len(p.assignment)} windows, {verdict}")
        reqs = p.requests(now_groups)
        out += [f"  {op} {args['window']}" + (f" -> {','.join(args['groups'])}" if "groups" in args else "")  # type: ignore[arg-type]
                for op, args in reqs] or ["  (no change)"]
        if p.freed:
            out.append(f"  not needed: {', '.join(p.freed)}")
    return "\n".join(out)
