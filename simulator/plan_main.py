"""`hallq plan`: predicted waits per group over the next hour, current vs proposed assignment.

State from the broker's retained topics (--broker) or a JSON file (--state); arrival rates
from today's tickets in the store (--history-db), else from the state file, else from the
default day profile at this hour. Exit status 2 for input it cannot use or no broker.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from hallcore.config import HallConfig
from hallcore.hallfile import HallFileError, load_hall
from simulator.broker import fetch_state
from simulator.errors import BrokerUnavailable, SimInputError
from simulator.forecast_rates import weekday_rates
from simulator.history import read_tickets, recent_by_group
from simulator.live_state import read_state_file, state_from_payloads, with_rates
from simulator.planner import GroupPlan, HallState, check_assignment, predict
from simulator.profile import day_profile, default_rate
from simulator.propose import propose
from simulator.propose_text import proposals_text
from simulator.table import grid


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hallq plan", description="Predict each group's wait over the next hour "
                                "for the current window assignment and a proposed one.")
    p.add_argument("--hall", default="demo", help="'demo' or a hall file (TOML)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--broker", metavar="mqtt://HOST:PORT", help="read the retained state topics")
    src.add_argument("--state", metavar="FILE.json", help="read the state from a file")
    p.add_argument("--assign", nargs="+", default=[], metavar="WIN=G1,G2",
                   help="proposed groups of a window, e.g. win-05=comprehensive,pickup (opens it if closed)")
    p.add_argument("--history-db", metavar="PATH", help="today's tickets: arrival rates and service times")
    p.add_argument("--runs", type=int, default=8, help="seeded runs to average")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--horizon-min", type=float, default=60.0)
    p.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the broker's state")
    p.add_argument("--propose", action="store_true", help="search assignments and print the best three")
    p.add_argument("--staff", type=int, help="clerks on duty for --propose (default: windows not closed)")
    return p


def parse_assign(items: list[str], config: HallConfig) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        win, sep, groups = item.partition("=")
        if not sep or not win.strip():
            raise SimInputError(f"--assign {item!r}: expected WINDOW=GROUP[,GROUP...]")
        out[win.strip()] = [g.strip() for g in groups.split(",") if g.strip()]
    check_assignment(config, out)
    return out


def _profile_rates(config: HallConfig, at: float) -> dict[str, float]:
    hour = datetime.fromtimestamp(at, ZoneInfo(config.timezone)).hour
    group_of = {m.code: m.group for m in config.matters}
    rates: dict[str, float] = {}
    for (h, matter), r in day_profile(config, default_rate(config)).items():
        if h == hour:
            rates[group_of[matter]] = rates.get(group_of[matter], 0.0) + r
    return rates


def load_state(args: argparse.Namespace, config: HallConfig) -> tuple[HallState, str]:
    now = time.time()
    if args.state:
        state, has_rates = read_state_file(args.state, now)
    else:
        got = fetch_state(args.broker, config.id, args.timeout)
        state, has_rates = state_from_payloads(got["queues"], got["windows"], now, source=args.broker), False
    if args.history_db:
        day0 = datetime.fromtimestamp(state.at, ZoneInfo(config.timezone)).replace(
            hour=0, minute=0, second=0, microsecond=0).timestamp()
        rates, svc = recent_by_group(read_tickets(args.history_db, since=day0), state.at)
        if args.propose:  # the next hours from this weekday's history and today so far
            past = read_tickets(args.history_db, since=day0 - 8 * 7 * 86400)
            rates = weekday_rates(past, state.at, config.timezone, args.horizon_min * 60)
            return with_rates(state, {g.code: rates.get(g.code, 0.0) for g in config.groups}, svc), \
                f"arrivals of this weekday in {args.history_db}, scaled by today's"
        return with_rates(state, {g.code: rates.get(g.code, 0.0) for g in config.groups}, svc), \
            f"arrivals of the last hour in {args.history_db}"
    if has_rates:
        return state, f"arrival rates from {args.state}"
    return with_rates(state, _profile_rates(config, state.at)), "default day profile at this hour (no history)"


def _m(s: float | None) -> str:
    return "-" if s is None else f"{s / 60:.1f}"


def plan_text(plans: dict[str, GroupPlan], state: HallState) -> str:
    rows = []
    for g, p in plans.items():
        now = state.groups.get(g)
        delta = (None if p.current.mean_s is None or p.proposed.mean_s is None
                 else p.proposed.mean_s - p.current.mean_s)
        rows.append([g, str(now.waiting if now else 0), f"{now.arrivals_per_h if now else 0:.1f}",
                     _m(p.current.mean_s), _m(p.current.p90_s), _m(p.proposed.mean_s), _m(p.proposed.p90_s),
                     "-" if delta is None else f"{delta / 60:+.1f}"])
    return grid(["group", "waiting", "arrivals/h", "now: mean", "now: p90", "proposed: mean", "proposed: p90",
                 "change"], rows)


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.runs < 1 or args.horizon_min <= 0:
            raise SimInputError("--runs must be at least 1 and --horizon-min above zero")
        config = load_hall(args.hall)
        proposed = parse_assign(args.assign, config)
        state, source = load_state(args, config)
        if args.propose:
            current, props = propose(config, state, args.staff, horizon_s=args.horizon_min * 60,
                                     runs=args.runs, seed=args.seed)
            print(f"Proposals for the next {args.horizon_min:g} min, waits in minutes ({args.runs} runs); {source}\n")
            print(proposals_text(config, state, current, props))
            return 0
        plans = predict(config, state, proposed, horizon_s=args.horizon_min * 60, runs=args.runs, seed=args.seed)
    except (SimInputError, HallFileError, BrokerUnavailable, OSError) as exc:
        print(f"hallq plan: {exc}", file=sys.stderr)
        return 2
    changes = ", ".join(f"{w}={','.join(gs)}" for w, gs in proposed.items()) or "none (proposed = current)"
    print(f"Predicted wait over the next {args.horizon_min:g} min, minutes ({args.runs} runs); {source}")
    print(f"Proposed: {changes}\n")
    print(plan_text(plans, state))
    return 0
