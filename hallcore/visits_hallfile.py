"""The hall file's part for visits: each matter's `materials` and `pickup`, `[[packages]]`, `[visits]`.

Schema (docs/hall-file.md):
    [[matters]] ... materials = [{zh = "居民身份证", en = "Resident ID card", note_zh = "原件", note_en = "original"}]
                    pickup = true
    [[packages]] code = "newborn", name_zh = "新生儿出生一件事", name_en = "...", matters = ["a", "b"]
    [visits] window_days = 30, pickup_matter = "pickup-documents"
    [visits.departments] bo-01 = "综合窗口"   # each back-office device and the department it approves for
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hallbus.roles import Role
from hallcore.model import Material, Name
from hallcore.packages import MAX_MATTERS, Package, VisitConfig

if TYPE_CHECKING:
    from hallcore.hallfile import _Reader


def _text(r: _Reader, o: dict[str, Any], table: str, i: int, key: str, j: int) -> str | None:
    v = o.get(key)
    if not isinstance(v, str) or not v.strip():
        r.fail(table, i, "materials", f"item {j + 1}: {key} must be a non-empty string")
        return None
    return v


def materials(r: _Reader, m: dict[str, Any], i: int) -> tuple[Material, ...]:
    raw = m.get("materials", [])
    if not isinstance(raw, list):
        r.fail("matters", i, "materials", "must be a list of {zh, en, note_zh, note_en} tables")
        return ()
    out = []
    for j, o in enumerate(raw):
        if not isinstance(o, dict):
            r.fail("matters", i, "materials", f"item {j + 1}: must be a table {{zh, en}}")
            continue
        zh, en = _text(r, o, "matters", i, "zh", j), _text(r, o, "matters", i, "en", j)
        note = None
        if "note_zh" in o or "note_en" in o:
            nz, ne = _text(r, o, "matters", i, "note_zh", j), _text(r, o, "matters", i, "note_en", j)
            note = Name(nz or "", ne or "")
        if zh and en:
            out.append(Material(Name(zh, en), note))
    return tuple(out)


def packages(r: _Reader, data: dict[str, Any], matter_codes: set[str]) -> tuple[Package, ...]:
    out, seen = [], set()
    for i, p in enumerate(data.get("packages", [])):
        code = r.get(p, "packages", i, "code", str)
        if code in seen or code in matter_codes:
            r.fail("packages", i, "code", f"{code!r} is already a package or matter code")
        seen.add(code)
        ms = r.get(p, "packages", i, "matters", list) or []
        if not 2 <= len(ms) <= MAX_MATTERS:
            r.fail("packages", i, "matters", f"a package bundles 2 to {MAX_MATTERS} matters, not {len(ms)}")
        for m in ms:
            if m not in matter_codes:
                r.fail("packages", i, "matters", f"unknown matter {m!r}")
        if len(set(ms)) != len(ms):
            r.fail("packages", i, "matters", "names a matter twice")
        out.append(Package(code, Name(r.get(p, "packages", i, "name_zh", str), r.get(p, "packages", i, "name_en", str)),
                           tuple(str(m) for m in ms)))
    return tuple(out)


def visits(r: _Reader, data: dict[str, Any], pkgs: tuple[Package, ...], matter_codes: set[str],
           devices: dict[str, str]) -> VisitConfig:
    v = data.get("visits", {})
    if not isinstance(v, dict):
        r.fail("visits", None, None, "must be a table")
        return VisitConfig(pkgs)
    days = r.get(v, "visits", None, "window_days", int, 30)
    if days is not None and not 1 <= days <= 366:
        r.fail("visits", None, "window_days", "must be 1 to 366 days")
    pickup = r.get(v, "visits", None, "pickup_matter", str, None)
    if pickup is not None and pickup not in matter_codes:
        r.fail("visits", None, "pickup_matter", f"unknown matter {pickup!r}")
    depts = v.get("departments", {})
    if not isinstance(depts, dict):
        r.fail("visits", None, "departments", "must be a table: back-office device = department")
        depts = {}
    for dev, dept in depts.items():
        if devices.get(dev) != Role.BACKOFFICE:
            r.fail("visits", None, "departments", f"{dev!r} is not a back-office device ([devices] backoffices)")
        if not isinstance(dept, str):
            r.fail("visits", None, "departments", f"{dev}: the department must be a string")
    return VisitConfig(pkgs, days or 30, {str(k): str(d) for k, d in depts.items()}, pickup)
