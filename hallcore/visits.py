"""One visit, several matters: what the window records per matter, and 跑动次数 (did the citizen come twice?).

A ticket carries up to five matters (hallcore/packages.py). At the window the clerk records one
outcome per matter; each accepted matter opens a case (hallcore/cases.py). A matter is done in one
visit when no earlier visit by the same citizen key asked for it inside the hall's window: the
figure the reform is judged by. The figures hold counts and material names only, never a key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import Ticket

DAY_S = 86400.0


class Result(StrEnum):
    ACCEPTED = "accepted"  # 受理: becomes a case
    INCOMPLETE = "incomplete"  # 材料不全: told what is missing, once (一次告知)
    REJECTED = "rejected"  # 不予受理, with the reason
    REFERRED = "referred"  # sent to another window or department


FINAL = frozenset({Result.ACCEPTED, Result.REJECTED, Result.REFERRED})  # the matter needs no return


@dataclass(frozen=True, slots=True)
class Outcome:
    result: Result
    missing: tuple[str, ...] = ()
    note: str | None = None
    case: str | None = None  # the case number of an accepted matter

    def to_wire(self) -> dict[str, Any]:
        return {"outcome": self.result.value, "missing": list(self.missing), "note": self.note, "case": self.case}

    @classmethod
    def from_wire(cls, o: dict[str, Any]) -> Outcome:
        return cls(Result(o["outcome"]), tuple(o.get("missing") or ()), o.get("note"), o.get("case"))


def check_outcome(matters: tuple[str, ...], matter: str, outcome: str, missing: list[str] | None,
                  note: str | None) -> Outcome:
    """A clerk's outcome for one matter of the ticket at the window, or a clear refusal."""
    if matter not in matters:
        raise HallError(E.UNKNOWN_MATTER, f"the ticket does not carry matter {matter!r}")
    try:
        result = Result(outcome)
    except ValueError:
        raise HallError(E.BAD_REQUEST, "outcome must be accepted, incomplete, rejected or referred") from None
    gone = tuple(m.strip() for m in (missing or []) if m.strip())
    if result is Result.INCOMPLETE and not gone:
        raise HallError(E.BAD_REQUEST, "an incomplete matter needs the missing materials (一次告知: told once, all)")
    if result is not Result.INCOMPLETE and gone:
        raise HallError(E.BAD_REQUEST, "missing materials go with an incomplete outcome only")
    if result is Result.REJECTED and not (note or "").strip():
        raise HallError(E.BAD_REQUEST, "a rejected matter needs the reason (note)")
    return Outcome(result, gone, note)


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One ticket as the 跑动次数 figures see it: no name, the key only to link visits in memory."""

    ticket: str
    day: str
    at: float
    citizen_key: str | None
    matters: tuple[str, ...]
    outcomes: dict[str, Outcome] = field(default_factory=dict)


def figures(day: str, rows: Iterable[VisitRow], window_days: int) -> dict[str, Any]:
    """`hall.report`'s `visits` for `day`, from that day's rows and every row of the window before it.

    A matter of the day counts for `one_visit_share` once it has a final outcome (accepted,
    rejected, referred); it is a one-visit matter when the same key asked for the same matter in
    no earlier visit inside the window. A ticket without a key cannot be linked: it counts as a
    first visit, which is what the hall knows."""
    window_s = window_days * DAY_S
    rows = list(rows)
    today = [r for r in rows if r.day == day]
    # index only the (key, matter) pairs asked today: the window's other rows cannot matter
    wanted = {(r.citizen_key, m) for r in today if r.citizen_key is not None for m in r.matters}
    earlier: dict[tuple[str, str], list[tuple[float, tuple[str, ...]]]] = defaultdict(list)
    for r in rows:
        if r.citizen_key is None or r.day > day:
            continue
        for m in r.matters:
            if (r.citizen_key, m) in wanted:
                o = r.outcomes.get(m)
                earlier[(r.citizen_key, m)].append((r.at, o.missing if o is not None else ()))
    outcomes: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    finished = one = cases = matters = 0
    for r in today:
        matters += len(r.matters)
        for m in r.matters:
            o = r.outcomes.get(m)
            if o is None:
                continue
            outcomes[o.result.value] += 1
            cases += o.case is not None
            if o.result not in FINAL:
                continue
            finished += 1
            before = [] if r.citizen_key is None else [
                miss for at, miss in earlier[(r.citizen_key, m)] if r.at - window_s <= at < r.at]
            if not before:
                one += 1
            for miss in before:
                causes.update(miss)
    count = len(today)
    return {
        "count": count, "matters": matters,
        "matters_per_visit": round(matters / count, 2) if count else None,
        "one_visit_share": round(one / finished, 4) if finished else None,
        "cases": cases, "outcomes": dict(sorted(outcomes.items())),
        "second_visit_causes": [{"material": k, "count": n} for k, n in
                                sorted(causes.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
    }


@dataclass(slots=True)
class VisitSnapshot:
    """What the store keeps for visits: today's (and open) tickets' matters, the window's visits, open cases."""

    tickets: dict[str, tuple[tuple[str, ...], dict[str, Outcome], str | None]] = field(default_factory=dict)
    log: list[VisitRow] = field(default_factory=list)
    cases: list[Any] = field(default_factory=list)  # hallcore.cases.Case


def window_start(day: str, days: int) -> str:
    """The first day whose visits a visit on `day` can be linked to."""
    return (date.fromisoformat(day) - timedelta(days=days)).isoformat()


def row_of(t: Ticket) -> VisitRow:
    return VisitRow(t.id, t.day, t.issued_at, t.citizen_key, t.matters or (t.matter,), dict(t.outcomes))


def trim(log: list[VisitRow], day: str, days: int) -> list[VisitRow]:
    """The visits a visit on `day` can still be linked to (at midnight, once)."""
    start = window_start(day, days)
    return [r for r in log if r.day >= start]
