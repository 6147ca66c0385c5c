"""Load a hall file (TOML) into a HallConfig; a bad file gets errors naming line and field.

Schema: docs/hall-file.md. `load_hall("demo")` loads the built-in demo hall.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from hallbus.roles import Role
from hallcore import visits_hallfile
from hallcore.config import HallConfig, Policy, WindowSpec
from hallcore.model import Group, Matter, Name
from hallcore.packages import Package
from hallcore.rules_hallfile import parse_rules

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class HallFileError(ValueError):
    """Every problem found in a hall file, one per line as `FILE:LINE: field: message`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.problems: list[str] = []

    def line_of(self, table: str, index: int | None, key: str | None) -> int:
        """Line of `key` inside the index-th `[[table]]` (or `[table]`); the header's line failing that."""
        header = f"[[{table}]]" if index is not None else f"[{table}]"
        seen, start = -1, 0
        for n, line in enumerate(self.lines, 1):
            if line.strip() == header:
                seen += 1
                if index is None or seen == index:
                    start = n
                    break
        if not start:
            return 1
        for n in range(start, len(self.lines)):
            stripped = self.lines[n].strip()
            if stripped.startswith("["):
                break
            if key and re.match(rf"^{re.escape(key)}\s*=", stripped):
                return n + 1
        return start

    def fail(self, table: str, index: int | None, key: str | None, message: str) -> None:
        where = f"{table}[{index}]" if index is not None else table
        field = f"{where}.{key}" if key else where
        self.problems.append(f"{self.source}:{self.line_of(table, index, key)}: {field}: {message}")

    def get(self, data: dict[str, Any], table: str, index: int | None, key: str, kind: type,
            default: Any = ..., pattern: re.Pattern[str] | None = None) -> Any:
        if key not in data:
            if default is ...:
                self.fail(table, index, key, "is required")
            return None if default is ... else default
        value = data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            self.fail(table, index, key, f"must be {kind.__name__}, not {type(value).__name__}")
            return None
        if pattern is not None and isinstance(value, str) and not pattern.match(value):
            self.fail(table, index, key, f"{value!r} must match {pattern.pattern}")
        return value


def _secret(r: _Reader, hall: dict[str, Any], key: str, base: Path | None) -> bytes:
    if f"{key}_file" in hall and base is not None:
        path = base / str(hall[f"{key}_file"])
        try:
            return path.read_bytes().strip()
        except OSError as exc:
            r.fail("hall", None, f"{key}_file", f"cannot read {path}: {exc.strerror}")
            return b""
    text = r.get(hall, "hall", None, key, str, "")
    try:
        return bytes.fromhex(text or "")
    except ValueError:
        r.fail("hall", None, key, "must be hexadecimal")
        return b""


def _policy(r: _Reader, p: dict[str, Any]) -> Policy:
    d = Policy()
    def minutes(key: str, dflt: float) -> float:
        v = r.get(p, "policy", None, key, float, dflt / 60)
        return float(v if v is not None else dflt / 60) * 60
    return Policy(
        priority_overtake_s=minutes("priority_overtake_min", d.priority_overtake_s),
        tickets_per_citizen_matter_day=r.get(p, "policy", None, "tickets_per_citizen_matter_day", int,
                                             d.tickets_per_citizen_matter_day),
        appointment_early_s=minutes("appointment_early_min", d.appointment_early_s),
        appointment_late_s=minutes("appointment_late_min", d.appointment_late_s),
        elderly_age=r.get(p, "policy", None, "elderly_age", int, d.elderly_age),
        service_level_s=minutes("service_level_min", d.service_level_s),
    )


def _catalog(r: _Reader, data: dict[str, Any]) -> tuple[list[Group], list[Matter], tuple[Package, ...]]:
    groups, letters = [], set()
    for i, g in enumerate(data.get("groups", [])):
        code = r.get(g, "groups", i, "code", str, pattern=CODE)
        letter = r.get(g, "groups", i, "letter", str, pattern=re.compile(r"^[A-Z]$"))
        if letter in letters:
            r.fail("groups", i, "letter", f"{letter!r} is already used by another group")
        letters.add(letter)
        groups.append(Group(code, Name(r.get(g, "groups", i, "name_zh", str), r.get(g, "groups", i, "name_en", str)),
                            letter, 60 * (r.get(g, "groups", i, "service_min", float, 5.0) or 5.0)))
    if not groups:
        r.fail("groups", None, None, "a hall needs at least one [[groups]] table")
    matters = []
    for i, m in enumerate(data.get("matters", [])):
        grp = r.get(m, "matters", i, "group", str)
        if grp is not None and grp not in {g.code for g in groups}:
            r.fail("matters", i, "group", f"unknown group {grp!r}")
        svc = r.get(m, "matters", i, "service_min", float, None)
        matters.append(Matter(r.get(m, "matters", i, "code", str, pattern=CODE),
                              Name(r.get(m, "matters", i, "name_zh", str), r.get(m, "matters", i, "name_en", str)),
                              grp, r.get(m, "matters", i, "department", str, ""), svc * 60 if svc else None,
                              visits_hallfile.materials(r, m, i), bool(r.get(m, "matters", i, "pickup", bool, False))))
    return groups, matters, visits_hallfile.packages(r, data, {m.code for m in matters})  # 1.1


def parse_hall(text: str, source: str = "hall.toml", base: Path | None = None) -> HallConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HallFileError([f"{source}: {exc}"]) from exc
    r = _Reader(text, source)
    hall = data.get("hall", {})
    hall_id = r.get(hall, "hall", None, "id", str, pattern=CODE)
    name = Name(r.get(hall, "hall", None, "name_zh", str, ""), r.get(hall, "hall", None, "name_en", str, ""))
    tz = r.get(hall, "hall", None, "timezone", str, "Asia/Shanghai")
    cat_file = hall.get("catalog_file")
    if isinstance(cat_file, str) and base is not None:
        # the catalog can live in its own file (what `hallq provision catalog import` writes)
        cat_path = base / cat_file
        try:
            cat_text = cat_path.read_text("utf-8")
            cr = _Reader(cat_text, str(cat_path))
            groups, matters, pkgs = _catalog(cr, tomllib.loads(cat_text))
            r.problems += cr.problems
        except (OSError, tomllib.TOMLDecodeError) as exc:
            r.fail("hall", None, "catalog_file", f"cannot read {cat_path}: {exc}")
            groups, matters, pkgs = [], [], ()
    else:
        groups, matters, pkgs = _catalog(r, data)
    group_codes = {g.code for g in groups}
    windows = []
    for i, w in enumerate(data.get("windows", [])):
        wg = r.get(w, "windows", i, "groups", list) or []
        for g in wg:
            if g not in group_codes:
                r.fail("windows", i, "groups", f"unknown group {g!r}")
        windows.append(WindowSpec(r.get(w, "windows", i, "id", str, pattern=CODE),
                                  Name(r.get(w, "windows", i, "label_zh", str), r.get(w, "windows", i, "label_en", str)),
                                  tuple(wg), r.get(w, "windows", i, "evaluator", str, None)))
    devices: dict[str, str] = {w.id: Role.WINDOW for w in windows}
    devices.update({w.evaluator: Role.EVALUATOR for w in windows if w.evaluator})
    dev = data.get("devices", {})
    for key, role in (("kiosks", Role.KIOSK), ("displays", Role.DISPLAY), ("managers", Role.MANAGER),
                      ("webs", Role.WEB), ("backoffices", Role.BACKOFFICE)):
        for d in r.get(dev, "devices", None, key, list, []) or []:
            if not isinstance(d, str) or not CODE.match(d):
                r.fail("devices", None, key, f"{d!r} is not a device id")
            elif d in devices:
                r.fail("devices", None, key, f"{d!r} is declared twice")
            else:
                devices[d] = role
    policy = _policy(r, data.get("policy", {}))
    app_key, salt = _secret(r, hall, "appointment_key", base), _secret(r, hall, "citizen_salt", base)
    from hallcore.hallfile_web import parse_web
    web = parse_web(data.get("web", {}), base, app_key or salt, lambda k, msg: r.fail("web", None, k or None, msg))
    rules = parse_rules(r, data, group_codes, {m.code for m in matters}, {w.id for w in windows})
    from hallcore.booking_hallfile import parse_booking
    booking = parse_booking(r, data, group_codes)
    visits = visits_hallfile.visits(r, data, pkgs, {m.code for m in matters}, devices)
    if r.problems:
        raise HallFileError(r.problems)
    return HallConfig(hall_id, name, tz, tuple(groups), tuple(matters), tuple(windows), devices, policy, app_key, salt,
                      web=web, rules=rules, booking=booking, visits=visits)


def load_hall(spec: str) -> HallConfig:
    if spec == "demo":
        text = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
        return parse_hall(text, "demo_hall.toml")
    path = Path(spec)
    return parse_hall(path.read_text("utf-8"), str(path), path.parent)
