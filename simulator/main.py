"""`hallq simulate`: simulate days in the hall, print the figures, write PNG plots.

Composition root of the simulator: reads the hall file and the arrival source, builds the
day plan and staffings, runs, prints. Exit status 2 for input it cannot use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hallcore.clock import LocalTime
from hallcore.config import HallConfig
from hallcore.hallfile import HallFileError, load_hall
from simulator.arrivals_csv import read_rates
from simulator.days import DayPlan, dedicated, pooled, simulate
from simulator.errors import SimInputError
from simulator.history import learn, merge_service, read_tickets
from simulator.metrics import summarize
from simulator.plots import write_compare_plot, write_plots
from simulator.profile import day_profile, default_rate
from simulator.scenario import Behaviour, Staffing, as_configured, lunch_breaks, scaled
from simulator.service import DEFAULT_CV, catalog_service
from simulator.table import compare_text, summary_text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hallq simulate", description="Simulate days in the hall with the real "
                                "calling policy; print waits, service level and utilisation.")
    p.add_argument("--hall", default="demo", help="'demo' or a hall file (TOML)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--arrivals", metavar="FILE.csv", help="arrival rates: lines hour,matter,rate (per hour)")
    src.add_argument("--rate", type=float, metavar="PER_HOUR",
                     help="mean tickets per opening hour, on the default day (peaks at 10:00 and 14:00)")
    src.add_argument("--history-db", metavar="PATH", help="learn arrivals and service times from the store")
    p.add_argument("--days", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, help="directory for PNG plots")
    p.add_argument("--service", choices=("lognormal", "exponential"), default="lognormal")
    p.add_argument("--cv", type=float, default=DEFAULT_CV, help="lognormal service time: sd / mean")
    p.add_argument("--no-show-share", type=float, default=None, help="share of called tickets who never come")
    p.add_argument("--no-breaks", action="store_true", help="no lunch rotation")
    p.add_argument("--compare-pooled", action="store_true",
                   help="also run the same citizens with dedicated windows and with fully pooled windows")
    p.add_argument("--scale", type=int, default=1, help="copies of every window (capacity studies)")
    p.add_argument("--workers", type=int, default=1, help="processes to spread the days over")
    return p


def _plan(args: argparse.Namespace, config: HallConfig) -> tuple[DayPlan, str]:
    service = catalog_service(config, args.service, args.cv)
    no_show = args.no_show_share
    if args.arrivals:
        rates, source = read_rates(args.arrivals, config), f"arrivals from {args.arrivals}"
    elif args.history_db:
        learned = learn(read_tickets(args.history_db), LocalTime(config.timezone).hour)
        if not learned.rates:
            raise SimInputError(f"{args.history_db}: no tickets to learn from")
        known = {m.code for m in config.matters}
        rates = {k: r for k, r in learned.rates.items() if k[1] in known}
        service = merge_service(service, learned.service)
        no_show = learned.no_show_share if no_show is None else no_show
        source = f"learned from {learned.days} day(s) in {args.history_db}"
    else:
        rate = default_rate(config) if args.rate is None else args.rate
        if rate <= 0:
            raise SimInputError(f"--rate {rate}: must be above zero")
        rates, source = day_profile(config, rate), f"default day, {rate:g} tickets per opening hour"
    b = Behaviour() if no_show is None else Behaviour(no_show_share=no_show)
    return DayPlan(config, rates, service, b), source


def run(args: argparse.Namespace) -> int:
    if args.days < 1 or args.scale < 1 or args.workers < 1:
        raise SimInputError("--days, --scale and --workers must be at least 1")
    config = scaled(load_hall(args.hall), args.scale)
    plan, source = _plan(args, config)
    base = as_configured(config)
    staffing = base if args.no_breaks else lunch_breaks(base)
    named: list[tuple[str, Staffing]] = [("as configured", staffing)]
    if args.compare_pooled:
        named = [("dedicated", dedicated(staffing, config)), *named, ("pooled", pooled(staffing, config))]
    results = simulate(plan, [s for _, s in named], args.days, args.seed, workers=args.workers)
    level = config.policy.service_level_s
    summaries = [(name, summarize(config, outs)) for (name, _), outs in zip(named, results, strict=True)]
    for name, s in summaries:
        title = (f"{config.name.en or config.id}: {name}, {s.days} day(s), seed {args.seed}, "
                 f"{len(config.windows)} windows; {source}")
        print(summary_text(s, level, title), end="\n\n")
        if args.out is not None:
            sub = args.out if len(summaries) == 1 else args.out / name.replace(" ", "_")
            for path in write_plots(s, level, sub):
                print(f"wrote {path}")
    if args.compare_pooled:
        print("Same citizens, same staff: dedicated vs as configured vs pooled windows")
        print(compare_text(summaries, level))
        if args.out is not None:
            print(f"wrote {write_compare_plot(summaries, args.out)}")
    return 0


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return run(args)
    except (SimInputError, HallFileError, OSError) as exc:
        print(f"hallq simulate: {exc}", file=sys.stderr)
        return 2
