"""The proposing planner for the manager console: ask for the top three, apply one with a tap.

`Proposals.load(queues, windows, at)` runs the search (simulator/propose.py) on the retained state
the console already holds; `apply(i)` sends that proposal's `window.assign` / `window.open`
requests one after the other (the next only once the last is answered, so a refusal stops the
rest and is reported with what was already done). Pure of Kivy; the bus is passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hallcore.config import HallConfig
from window_console.ports import Answer, Requester

Request = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class Applied:
    proposal: int
    sent: list[Request] = field(default_factory=list)  # answered ok
    failed: tuple[Request, str] | None = None  # the request refused, and its error code
    done: bool = False


class Proposals:
    def __init__(self, config: HallConfig, bus: Requester, staff: int | None = None, runs: int = 2,
                 on_done: Callable[[Applied], None] | None = None) -> None:
        self.config, self.bus, self.staff, self.runs, self.on_done = config, bus, staff, runs, on_done
        self.items: list[tuple[list[Request], str]] = []  # (requests, one-line summary) per proposal
        self.applied: Applied | None = None

    def load(self, queues: dict[str, Any], windows: dict[str, Any], at: float,
             arrivals_per_h: dict[str, float] | None = None) -> list[tuple[list[Request], str]]:
        from simulator.live_state import state_from_payloads
        from simulator.propose import propose
        state = state_from_payloads(queues, windows, at, arrivals_per_h)
        _, props = propose(self.config, state, self.staff, runs=self.runs)
        now_groups = {w.id: w.groups for w in self.config.windows} | {w: s.groups for w, s in state.windows.items()}
        self.items = []
        for p in props:
            waits = ", ".join(f"{g} {f.mean_s / 60:.0f}′" for g, f in p.forecast.items() if f.mean_s is not None)
            verdict = "达标 meets target" if p.meets_target else "最短等候 lowest wait"
            self.items.append((p.requests(now_groups), f"{len(p.assignment)} windows · {verdict} · {waits}"))
        return self.items

    def apply(self, index: int) -> Applied:
        reqs = list(self.items[index][0])
        self.applied = state = Applied(index)

        def send_next() -> None:
            if not reqs:
                state.done = True
                if self.on_done is not None:
                    self.on_done(state)
                return
            op, args = reqs.pop(0)

            def answered(r: Answer | None) -> None:
                if r is None or not r.ok:
                    state.failed, state.done = ((op, args), getattr(r, "error_code", None) or "timeout"), True
                    if self.on_done is not None:
                        self.on_done(state)
                    return
                state.sent.append((op, args))
                send_next()
            self.bus.request_async(op, args, answered)
        send_next()
        return state
