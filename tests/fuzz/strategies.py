"""Hypothesis strategies for the hall bus: requests from every device, mostly sensible, often not.

Shared by the CI fuzz tests and `bench/fuzz_long.py`. `nasty=True` adds inputs that are known to
break the server today (lone surrogates, deep nesting; see docs/faults.md) so the long run can count them.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from hallbus.schemas import OPS, PRIORITIES, Arg
from hallcore import appointments
from hallcore.hallfile import load_hall

CONFIG = load_hall("demo")
CONFIG_TZ = ZoneInfo(CONFIG.timezone)
MATTERS = [m.code for m in CONFIG.matters][:12] + ["re-transfer", "hpf-loan-apply", "no-such-matter"]
GROUPS = [g.code for g in CONFIG.groups] + ["no-such-group"]
WINDOWS = ["win-01", "win-02", "win-06", "win-07", "win-08", "win-12", "win-99"]
DEVICES = ["kiosk-01", "kiosk-02", "kiosk-20", *WINDOWS, "eval-01", "eval-07", "display-main", "mgr-01",
           "ghost", "kiosk-21"]
NUMBERS = [f"{letter}{n:03d}" for letter in "ABE" for n in range(1, 8)] + ["Z999", "a001", ""]

junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                 st.text(min_size=250, max_size=300))


def signed_appointment(matter: str, offset_s: int, now: float) -> str:
    slot = datetime.fromtimestamp(now + offset_s, CONFIG_TZ)
    return appointments.issue(CONFIG.appointment_key, CONFIG.id, matter, slot)


def _citizen() -> st.SearchStrategy[Any]:
    key = st.one_of(st.text("0123456789abcdef", min_size=64, max_size=64),  # the one accepted length
                    st.text("0123456789abcdef", min_size=16, max_size=65), st.just("110101199003071234"),
                    st.text(max_size=40), junk)
    masked = st.one_of(st.sampled_from(["张*", "李*明", "*"]), st.text(max_size=40), junk)
    return st.fixed_dictionaries({}, optional={"key": key, "name_masked": masked})


def _valid(arg: Arg, now: float) -> st.SearchStrategy[Any]:
    day = datetime.fromtimestamp(now, CONFIG_TZ).date()
    by_name: dict[str, st.SearchStrategy[Any]] = {
        "matter": st.sampled_from(MATTERS), "priority": st.sampled_from([*PRIORITIES, "vip"]),
        "appointment": st.one_of(st.builds(signed_appointment, st.sampled_from(MATTERS[:3]),
                                           st.integers(-7200, 7200), st.just(now)), st.text(max_size=60)),
        "citizen": _citizen(), "ticket": st.sampled_from(NUMBERS), "number": st.sampled_from(NUMBERS),
        "window": st.sampled_from(WINDOWS), "to_window": st.sampled_from(WINDOWS),
        "to_group": st.sampled_from(GROUPS), "groups": st.lists(st.sampled_from(GROUPS), max_size=3),
        "date": st.one_of(st.builds(lambda d: (day - timedelta(days=d)).isoformat(), st.integers(0, 3)),
                          st.sampled_from(["2026-13-45", "tomorrow", "٢٠٢٦-١٢-٠١"])),
        "score": st.integers(-1, 7), "max_score": st.integers(-1, 7),
        "reasons": st.lists(st.sampled_from(["slow", "rude", "unclear"]), max_size=3),
    }
    return by_name.get(arg.name, st.text(max_size=40))


@st.composite
def request_args(draw: st.DrawFn, op: str, now: float) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for arg in OPS[op].args if op in OPS else ():
        if draw(st.integers(0, 9)) < (8 if arg.required else 4):
            args[arg.name] = draw(st.one_of(_valid(arg, now), junk) if draw(st.integers(0, 9)) == 0
                                  else _valid(arg, now))
    if draw(st.integers(0, 19)) == 0:
        args[draw(st.text(max_size=8))] = draw(junk)
    return args


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def payload(draw: st.DrawFn, now: float, nasty: bool = False) -> bytes:
    kind = draw(st.integers(0, 99))
    op = draw(st.sampled_from(sorted(OPS))) if kind < 90 else draw(st.text(max_size=12))
    rid = draw(st.one_of(st.sampled_from([f"r{i}" for i in range(6)]), st.text(min_size=1, max_size=8)))
    env: dict[str, Any] = {"v": 1, "id": rid, "op": op, "args": draw(request_args(op, now))}
    if kind < 80:
        return _dumps(env)
    if kind < 88:  # a broken envelope: one field wrong, missing or extra
        key = draw(st.sampled_from(["v", "id", "op", "args", "extra"]))
        if draw(st.booleans()):
            env.pop(key, None)
        else:
            env[key] = draw(st.one_of(junk, st.text(min_size=129, max_size=140)))
        return _dumps(env)
    if kind < 93:  # bytes: truncated, flipped, or plain garbage (non-UTF-8 included)
        raw = bytearray(_dumps(env))
        if raw and draw(st.booleans()):
            i = draw(st.integers(0, len(raw) - 1))
            raw[i] = draw(st.integers(0, 255))
        return bytes(raw[: draw(st.integers(0, len(raw)))]) if draw(st.booleans()) else draw(st.binary(max_size=60))
    if kind < 96:  # huge: over the 64 KiB limit, or just under it
        size = draw(st.sampled_from([60_000, 65_536, 70_000]))
        env["args"] = {"note": "x" * size}
        return _dumps(env)
    if kind < 98:
        return _dumps(draw(junk))
    if nasty:
        return draw(st.sampled_from([
            b"[" * 20_000,
            b'{"v":1,"id":"\\ud800","op":"ticket.status","args":{"ticket":"A001"}}',
            b'{"v":1,"id":"s1","op":"ticket.issue","args":{"matter":"hukou-transfer","citizen":{"name_masked":"\\udc80"}}}',
        ]))
    return b"{}"


def batch(now: float, nasty: bool = False) -> st.SearchStrategy[list[tuple[str, bytes]]]:
    item = st.tuples(st.sampled_from(DEVICES), payload(now, nasty))
    return st.lists(item, min_size=1, max_size=8)
