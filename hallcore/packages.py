"""一件事一次办: "one thing" packages, the matters of one visit and the materials told once (一次告知).

Pure functions over the catalog: which matters a request names, and the one combined checklist the
kiosk shows and prints, so that a citizen with four matters brings one ID card, not four.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.model import Material, Matter, Name

MAX_MATTERS = 5  # PROTOCOL 1.1: `matters` holds 1 to 5 codes


@dataclass(frozen=True, slots=True)
class Package:
    code: str
    name: Name
    matters: tuple[str, ...]


def resolve(matters_by_code: Mapping[str, Matter], packages: Mapping[str, Package], matter: str | None = None,
            matters: Iterable[str] | None = None, package: str | None = None) -> tuple[str, ...]:
    """The matter codes one ticket carries, in order, each once; a clear error for anything else."""
    given = [x for x in (matter, matters, package) if x is not None]
    if len(given) != 1:
        raise HallError(E.BAD_REQUEST, "give one of matter, matters (1 to 5) or package")
    if package is not None:
        p = packages.get(package)
        if p is None:
            raise HallError(E.UNKNOWN_MATTER, f"no package {package!r} in the catalog")
        codes: list[str] = list(p.matters)
    elif matters is not None:
        codes = list(matters)
        if not 1 <= len(codes) <= MAX_MATTERS:
            raise HallError(E.BAD_REQUEST, f"matters takes 1 to {MAX_MATTERS} codes, not {len(codes)}")
    else:
        codes = [str(matter)]
    seen: list[str] = []
    for c in codes:
        if c not in matters_by_code:
            raise HallError(E.UNKNOWN_MATTER, f"no matter {c!r} in the catalog")
        if c not in seen:
            seen.append(c)
    return tuple(seen)


def checklist(matters: Iterable[Matter]) -> list[Material]:
    """One list for the whole visit: each material once, in first-seen order.

    The same document asked with different notes is kept once with every note joined, so the
    stricter ask (an extra copy) is never lost."""
    order: list[str] = []
    notes: dict[str, list[Name]] = {}
    names: dict[str, Name] = {}
    for m in matters:
        for mat in m.materials:
            key = mat.name.zh
            if key not in names:
                order.append(key)
                names[key], notes[key] = mat.name, []
            if mat.note is not None and mat.note not in notes[key]:
                notes[key].append(mat.note)
    out = []
    for key in order:
        ns = notes[key]
        note = Name("；".join(n.zh for n in ns), "; ".join(n.en for n in ns)) if ns else None
        out.append(Material(names[key], note))
    return out


def service_s(matters: Iterable[Matter], group_service_s: Mapping[str, float]) -> float:
    """A visit's expected service time: the sum over its matters (the group's figure where a matter has none)."""
    return sum(m.service_s if m.service_s is not None else group_service_s.get(m.group, 300.0) for m in matters)


@dataclass(frozen=True, slots=True)
class VisitConfig:
    """The hall file's `[[packages]]` and `[visits]` table (docs/hall-file.md)."""

    packages: tuple[Package, ...] = ()
    window_days: int = 30  # visits for one matter by one citizen key this close are linked (跑动次数)
    departments: dict[str, str] = field(default_factory=dict)  # back-office device -> its department
    pickup_matter: str | None = None  # the matter of a pickup ticket; None: the first in group `pickup`
