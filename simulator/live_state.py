"""The hall's present state for the planner, from the server's retained state payloads
(`state/queues`, `state/windows`, docs: PROTOCOL.md) or from a JSON file holding them.

A state file: {"at": epoch seconds (optional: now), "queues": <state/queues payload>,
"windows": <state/windows payload>, "arrivals_per_h": {group: rate} (optional),
"service_s": {group: mean seconds} (optional)}.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from simulator.errors import SimInputError
from simulator.planner import GroupNow, HallState, WindowNow

STATUSES = ("open", "paused", "closed")


def _num(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SimInputError(f"{where}: expected a number >= 0, got {value!r}")
    return float(value)


def state_from_payloads(queues: Any, windows: Any, at: float, arrivals_per_h: Mapping[str, float] | None = None,
                        service_s: Mapping[str, float] | None = None, source: str = "state") -> HallState:
    if not isinstance(queues, dict) or not isinstance(queues.get("groups"), list):
        raise SimInputError(f"{source}: queues must be an object with a list 'groups'")
    if not isinstance(windows, dict) or not isinstance(windows.get("windows"), list):
        raise SimInputError(f"{source}: windows must be an object with a list 'windows'")
    rates, svc = dict(arrivals_per_h or {}), dict(service_s or {})
    groups: dict[str, GroupNow] = {}
    for i, q in enumerate(queues["groups"]):
        where = f"{source}: queues.groups[{i}]"
        if not isinstance(q, dict) or not isinstance(q.get("group"), str):
            raise SimInputError(f"{where}: expected an object with a string 'group'")
        g = q["group"]
        groups[g] = GroupNow(int(_num(q.get("waiting", 0), f"{where}.waiting")),
                             _num(q.get("longest_wait_s") or 0, f"{where}.longest_wait_s"),
                             float(rates.get(g, 0.0)), svc.get(g))
    for g in set(rates) - set(groups):
        groups[g] = GroupNow(arrivals_per_h=float(rates[g]), service_s=svc.get(g))
    wins: dict[str, WindowNow] = {}
    for i, w in enumerate(windows["windows"]):
        where = f"{source}: windows.windows[{i}]"
        if not isinstance(w, dict) or not isinstance(w.get("id"), str):
            raise SimInputError(f"{where}: expected an object with a string 'id'")
        status, gs = w.get("status", "closed"), w.get("groups", [])
        if status not in STATUSES:
            raise SimInputError(f"{where}.status: {status!r} is not one of {', '.join(STATUSES)}")
        if not isinstance(gs, list) or not all(isinstance(g, str) for g in gs):
            raise SimInputError(f"{where}.groups: expected a list of group codes")
        wins[w["id"]] = WindowNow(status, tuple(gs), w.get("ticket") is not None)
    return HallState(at, groups, wins)


def with_rates(state: HallState, arrivals_per_h: Mapping[str, float],
               service_s: Mapping[str, float] | None = None) -> HallState:
    """The same state with these arrival rates (and mean service times) per group."""
    svc = service_s or {}
    names = set(state.groups) | set(arrivals_per_h)
    groups = {g: GroupNow((state.groups.get(g) or GroupNow()).waiting,
                          (state.groups.get(g) or GroupNow()).longest_wait_s,
                          float(arrivals_per_h.get(g, (state.groups.get(g) or GroupNow()).arrivals_per_h)),
                          svc.get(g, (state.groups.get(g) or GroupNow()).service_s)) for g in names}
    return HallState(state.at, groups, state.windows)


def read_state_file(path: str, now: float) -> tuple[HallState, bool]:
    """The state in a file, and whether it carried its own arrival rates."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise SimInputError(f"{path}: cannot read a JSON state: {exc}") from exc
    if not isinstance(data, dict):
        raise SimInputError(f"{path}: expected a JSON object with 'queues' and 'windows'")
    at = _num(data.get("at", now), f"{path}: at")
    rates, svc = data.get("arrivals_per_h"), data.get("service_s")
    for name, m in (("arrivals_per_h", rates), ("service_s", svc)):
        if m is not None and not (isinstance(m, dict) and all(isinstance(v, int | float) for v in m.values())):
            raise SimInputError(f"{path}: {name} must map group codes to numbers")
    state = state_from_payloads(data.get("queues"), data.get("windows"), at, rates, svc, path)
    return state, rates is not None
