"""`state/catalog`: the hall, its service groups, its matters and (1.1) its "one thing" packages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.models import fields as f
from hallbus.models.name import Name


def _name(o: dict[str, Any], where: str, key: str = "name") -> Name:
    return Name.parse(o.get(key), f"{where}: {key}")


@dataclass(frozen=True, slots=True)
class HallInfo:  # extension
    id: str
    name: Name
    timezone: str | None = None  # extension: the hall file's IANA zone, for the screens' clocks

    @classmethod
    def parse(cls, raw: Any, where: str = "hall") -> HallInfo:
        o = f.obj(raw, where)
        return cls(f.string(o, "id", where), _name(o, where), f.opt_string(o, "timezone", where))

    def to_wire(self) -> dict[str, Any]:
        return f.put_optional({"id": self.id, "name": self.name.to_wire()}, timezone=self.timezone)


@dataclass(frozen=True, slots=True)
class CatalogGroup:
    code: str
    name: Name
    letter: str | None = None  # extension: the ticket numbers' letter

    @classmethod
    def parse(cls, raw: Any, where: str = "group") -> CatalogGroup:
        o = f.obj(raw, where)
        return cls(f.string(o, "code", where), _name(o, where), f.opt_string(o, "letter", where))

    def to_wire(self) -> dict[str, Any]:
        return f.put_optional({"code": self.code, "name": self.name.to_wire()}, letter=self.letter)


@dataclass(frozen=True, slots=True)
class CatalogMatter:
    code: str
    name: Name
    group: str
    materials: tuple[Name, ...] | None = None  # 1.1: what to bring
    pickup: bool | None = None  # 1.1: results are collected later

    @classmethod
    def parse(cls, raw: Any, where: str = "matter") -> CatalogMatter:
        o = f.obj(raw, where)
        materials = None if o.get("materials") is None else f.items(o, "materials", where, Name.parse)
        return cls(f.string(o, "code", where), _name(o, where), f.string(o, "group", where), materials,
                   f.opt_boolean(o, "pickup", where))

    def to_wire(self) -> dict[str, Any]:
        out = {"code": self.code, "name": self.name.to_wire(), "group": self.group}
        mats = [m.to_wire() for m in self.materials] if self.materials is not None else None
        return f.put_optional(out, materials=mats, pickup=self.pickup)


@dataclass(frozen=True, slots=True)
class Package:
    """Version 1.1: a "one thing" bundle of matters, issued as one ticket."""

    code: str
    name: Name
    matters: tuple[str, ...]

    @classmethod
    def parse(cls, raw: Any, where: str = "package") -> Package:
        o = f.obj(raw, where)
        return cls(f.string(o, "code", where), _name(o, where), f.strings(o, "matters", where))

    def to_wire(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name.to_wire(), "matters": list(self.matters)}


@dataclass(frozen=True, slots=True)
class CatalogState:
    groups: tuple[CatalogGroup, ...]
    matters: tuple[CatalogMatter, ...]
    hall: HallInfo | None = None
    packages: tuple[Package, ...] | None = None

    @classmethod
    def parse(cls, raw: Any, where: str = "state/catalog") -> CatalogState:
        o = f.obj(raw, where)
        hall = None if o.get("hall") is None else HallInfo.parse(o["hall"], f"{where}: hall")
        packages = None if o.get("packages") is None else f.items(o, "packages", where, Package.parse)
        return cls(f.items(o, "groups", where, CatalogGroup.parse), f.items(o, "matters", where, CatalogMatter.parse),
                   hall, packages)

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"hall": self.hall.to_wire()} if self.hall else {}
        out |= {"groups": [g.to_wire() for g in self.groups], "matters": [m.to_wire() for m in self.matters]}
        return f.put_optional(out, packages=[p.to_wire() for p in self.packages] if self.packages is not None
                              else None)
