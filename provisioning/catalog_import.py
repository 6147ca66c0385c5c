"""`hallq provision catalog import`: check every row, report all bad ones, and replace catalog.toml only if none.

Groups are declared with `kind=group` rows (JSON: "groups"); a matter may also name a group
the hall already has, which is then kept as it is (derived from the current catalog). A group
without a letter gets the first free one, A to Z.
"""

from __future__ import annotations

import string
import tomllib
from pathlib import Path
from typing import Any

from hallcore.catalog_change import CatalogChange, diff
from hallcore.config import HallConfig
from hallcore.hallfile import CODE, HallFileError, load_hall
from provisioning import catalog_visits
from provisioning.catalog_rows import Row, read_rows
from provisioning.errors import ProvisionError
from provisioning.hall_dir import HallDir
from provisioning.init_hall import CATALOG_HEADER
from provisioning.toml_edit import new_document

FIELDS = {"group": ("code", "name_zh", "name_en", "letter", "service_min"),
          "matter": ("code", "name_zh", "name_en", "group", "department", "service_min", "materials", "pickup"),
          "package": ("code", "name_zh", "name_en", "matters")}  # 1.1: provisioning/catalog_visits.py


def _check(row: Row, fail: Any) -> dict[str, Any] | None:
    """The row as a catalog table, or None after reporting each of its problems through `fail`."""
    if row.kind not in FIELDS:
        fail(row, "kind", f"{row.kind!r} must be group or matter")
        return None
    v, ok, out = row.values, True, {}
    blank = {k for k in ("materials", "pickup", "matters") if v.get(k) in ("", None)}  # 1.1: a CSV's empty cells
    for key in set(v) - set(FIELDS[row.kind]) - {"group", "letter", "department"} - blank:
        fail(row, key, "is not a column of a " + row.kind if key != "__extra__" else "more cells than columns")
        ok = False
    for key in FIELDS[row.kind]:
        value = v.get(key, "")
        if key in ("materials", "pickup", "matters"):  # 1.1
            parse = {"materials": catalog_visits.materials, "pickup": catalog_visits.pickup,
                     "matters": catalog_visits.package_matters}[key]
            found: list[str] = []

            def note(f: str, msg: str, found: list[str] = found) -> None:
                found.append(msg)
                fail(row, f, msg)
            parsed = parse(value, note)
            ok = ok and not found
            if parsed is not None:
                out[key] = parsed
            continue
        if key == "service_min":
            if value in ("", None):
                continue
            try:
                value = float(value)
                if not 0 < value <= 600:
                    raise ValueError
            except (TypeError, ValueError):
                fail(row, key, f"{v[key]!r} must be minutes, a number above 0")
                ok = False
                continue
        elif not isinstance(value, str):
            fail(row, key, f"must be text, not {type(value).__name__}")
            ok = False
            continue
        elif key in ("code", "name_zh", "name_en") and not value:
            fail(row, key, "is required")
            ok = False
        elif key == "code" and not CODE.match(value):
            fail(row, key, f"{value!r} must match {CODE.pattern}")
            ok = False
        elif key == "letter" and value and value not in string.ascii_uppercase:
            fail(row, key, f"{value!r} must be one letter A-Z")
            ok = False
        if value != "":
            out[key] = value
    return out if ok else None


def _line_of(problem: str) -> int:
    head = problem.split(": ", 1)[0].rsplit(":", 1)
    return int(head[1]) if len(head) == 2 and head[1].isdigit() else 0


def build_catalog(rows: list[Row], source: str, current: dict[str, Any]) -> dict[str, Any]:
    problems: list[str] = []

    def fail(row: Row, field: str, message: str) -> None:
        problems.append(f"{source}:{row.line}: {row.kind}.{field}: {message}")

    groups: dict[str, dict[str, Any]] = {}
    matters: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    letters: dict[str, int] = {}
    checked = [(row, _check(row, fail)) for row in rows]
    for row, table in checked:  # groups first: a matter may come before its group in the file
        if table is None or row.kind != "group":
            continue
        if (row.kind, table["code"]) in seen:
            fail(row, "code", f"{table['code']!r} is already on line {seen[(row.kind, table['code'])]}")
        elif table.get("letter") in letters:
            fail(row, "letter", f"{table['letter']!r} is already used on line {letters[table['letter']]}")
        else:
            seen[(row.kind, table["code"])] = row.line
            letters.update({table["letter"]: row.line} if "letter" in table else {})
            groups[table["code"]] = table
    known = {g["code"]: g for g in current.get("groups", [])}
    for row, table in checked:
        if table is None or row.kind != "matter":
            continue
        group = table.get("group", "")
        if (row.kind, table["code"]) in seen:
            fail(row, "code", f"{table['code']!r} is already on line {seen[(row.kind, table['code'])]}")
        elif not group:
            fail(row, "group", "is required")
        elif group not in groups and group not in known:
            fail(row, "group", f"unknown group {group!r}: declare it with a kind=group row")
        else:
            seen[(row.kind, table["code"])] = row.line
            matters[table["code"]] = table
            if group not in groups:  # derived: the hall's current group of that code, as it is
                groups[group] = dict(known[group])
                letters.setdefault(groups[group].get("letter", ""), 0)
    packages: dict[str, dict[str, Any]] = {}
    for row, table in checked:  # 1.1: after the matters, which a package names
        if table is None or row.kind != "package":
            continue
        if table["code"] in packages or table["code"] in matters:
            fail(row, "code", f"{table['code']!r} is already a package or matter code")
        elif "matters" not in table:
            fail(row, "matters", "is required: the package's matter codes")
        else:
            unknown = [m for m in table["matters"] if m not in matters]
            if unknown:
                fail(row, "matters", f"unknown matter(s) {', '.join(unknown)}: each must be a matter of this file")
            packages[table["code"]] = table
    free = iter(c for c in string.ascii_uppercase if c not in letters)
    for g in groups.values():
        if "letter" not in g:
            g["letter"] = next(free, None)
            if g["letter"] is None:
                problems.append(f"{source}: group.letter: more than 26 groups; ticket letters run out")
    if problems:  # in file order, whatever check found them
        raise ProvisionError(sorted(problems, key=_line_of))
    if not matters:
        raise ProvisionError(f"{source}: no matters: a catalog needs at least one")
    out = {"groups": list(groups.values()), "matters": list(matters.values())}
    return out | ({"packages": list(packages.values())} if packages else {})


def import_catalog(hd: HallDir, path: Path) -> tuple[int, int, CatalogChange]:
    """Replace the hall's catalog with the file's; (groups, matters) imported and what changed."""
    hd.require()
    current = tomllib.loads(hd.catalog.read_text("utf-8")) if hd.catalog.exists() else {}
    catalog = build_catalog(read_rows(path), str(path), current)
    before = _loaded(hd)
    hd.save_catalog(new_document(catalog, CATALOG_HEADER))
    after = _loaded(hd)
    change = CatalogChange() if before is None or after is None else \
        diff(before.groups, before.matters, after.groups, after.matters)
    return len(catalog["groups"]), len(catalog["matters"]), change


def _loaded(hd: HallDir) -> HallConfig | None:
    """The hall as the server loads it, or None when the current files do not load."""
    try:
        return load_hall(str(hd.hall_toml))
    except (HallFileError, OSError):
        return None
