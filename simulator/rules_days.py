"""One simulated day per rule set on the same citizens: what each hall rule does to waits.

`python -m simulator.rules_days` prints the table kept in docs/simulator.md. Each rule set is the
demo hall plus a `[rules]` table (the hall file's own text, so the simulator runs the rules exactly
as a server would). The citizens are drawn once: 5 % miss their call and half of those come back
5 min later; 4 % miss a paper halfway through service and come back 12 min later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from hallcore.config import HallConfig
from hallcore.hallfile import parse_hall
from hallcore.model import Status
from hallcore.report import percentile
from simulator.days import DAY_END_S
from simulator.engine import Arrival, Outcome, Start, run
from simulator.profile import day_profile, default_rate
from simulator.scenario import Behaviour, as_configured, day_breaks, draw_arrivals, lunch_breaks, midnight
from simulator.service import catalog_service

PREFER = "".join(f'[[rules.calling]]\nwindow = "{w}"\nprefer = ["{g}"]\n'
                 for w, g in (("win-06", "pickup"), ("win-07", "real_estate"), ("win-10", "provident_fund"),
                              ("win-12", "pickup")))
RATIO = "".join(f'[[rules.calling]]\nwindow = "win-0{i}"\nratio = [2, 1]\n' for i in range(1, 6))
MISSED = '[rules.missed_calls]\nrecalls = 2\nevery_s = 60\nreactivate_min = 30\nback = 3\n'
RULE_SETS: dict[str, str] = {
    "none (the demo hall; late citizens and missing papers take a new ticket)": "park_limit_min = 0\n",
    "park for missing papers (60 min)": "",
    "missed calls: 2 recalls a minute apart, re-activation 3 behind": "park_limit_min = 0\n" + MISSED,
    "preferred groups (win-06, -07, -10, -12)": "park_limit_min = 0\n" + PREFER,
    "preferred groups + wait cap 30 min": "park_limit_min = 0\nwait_cap_min = 30\n" + PREFER,
    "ratio 2 normal : 1 priority (win-01..05)": "park_limit_min = 0\n" + RATIO,
    "daily cap: comprehensive 250, 20 % kept for appointments": (
        'park_limit_min = 0\n[[rules.caps]]\ngroup = "comprehensive"\ndaily = 250\nappointment_share = 0.2\n'),
    "all of the above but the cap": "wait_cap_min = 30\n" + MISSED + PREFER + RATIO,
}


@dataclass(frozen=True, slots=True)
class DayFigures:
    tickets: int
    refused: int
    mean_s: float | None
    p90_s: float | None
    longest_s: float | None
    within: float | None  # share called within the service-level target
    parked: int
    reactivated: int


def hall_with(rules: str) -> HallConfig:
    demo = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
    return parse_hall(f"{demo}\n[rules]\n{rules}", "demo_hall.toml")


def citizens(config: HallConfig, seed: int, per_hour: float | None = None) -> list[Arrival]:
    rng = np.random.default_rng([seed, 18])
    rates = day_profile(config, per_hour or default_rate(config))
    base = draw_arrivals(config, rates, catalog_service(config), Behaviour(), rng, midnight(config, 0))
    out = []
    for a, u in zip(base, rng.random(len(base)), strict=True):
        if a.no_show:
            out.append(replace(a, back_s=300.0) if u < 0.5 else a)
        elif u < 0.04:
            out.append(replace(a, park_s=720.0))
        else:
            out.append(a)
    return out


def one_day(config: HallConfig, arrivals: list[Arrival]) -> Outcome:
    day0 = midnight(config, 0)
    staffing = lunch_breaks(as_configured(config))
    first = min(int((a.at - day0) // 3600) for a in arrivals)
    return run(config, Start(day0 + first * 3600, staffing.assignment, staffing.open), arrivals,
               day_breaks(staffing, day0), day0=day0, until=day0 + DAY_END_S)


def figures(config: HallConfig, o: Outcome) -> DayFigures:
    waits = [t.called_at - t.issued_at for t in o.tickets if t.called_at is not None and t.issued_at]
    target = config.policy.service_level_s
    return DayFigures(len(o.tickets), o.refused, sum(waits) / len(waits) if waits else None,
                      percentile(waits, 90), max(waits) if waits else None,
                      sum(1 for w in waits if w <= target) / len(waits) if waits else None,
                      sum(1 for t in o.tickets if t.note == "missing paper"),
                      sum(1 for t in o.tickets if t.reactivated and t.status is not Status.NO_SHOW))


def compare(seed: int = 1, per_hour: float | None = None) -> dict[str, DayFigures]:
    base = hall_with("")
    arrivals = citizens(base, seed, per_hour)
    out = {}
    for name, rules in RULE_SETS.items():
        config = hall_with(rules)
        out[name] = figures(config, one_day(config, arrivals))
    return out


def _m(s: float | None) -> str:
    return "-" if s is None else f"{s / 60:.1f}"


def table(results: dict[str, DayFigures]) -> str:
    lines = ["| rule set | tickets | refused | mean min | p90 min | longest min | within 15 min | parked | re-activated |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, f in results.items():
        within = "-" if f.within is None else f"{100 * f.within:.1f} %"
        lines.append(f"| {name} | {f.tickets} | {f.refused} | {_m(f.mean_s)} | {_m(f.p90_s)} | {_m(f.longest_s)} "
                     f"| {within} | {f.parked} | {f.reactivated} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(compare()))
