"""What the kiosk knows and shows, as frozen values built from the bus's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PRIORITIES = ("none", "elderly", "disabled", "pregnant")


@dataclass(frozen=True, slots=True)
class Name:
    zh: str
    en: str

    @classmethod
    def parse(cls, raw: Any, fallback: str = "") -> Name:
        if isinstance(raw, dict):
            zh = str(raw.get("zh") or raw.get("en") or fallback)
            return cls(zh, str(raw.get("en") or zh))
        return cls(fallback, fallback)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    name: Name
    letter: str = ""


@dataclass(frozen=True, slots=True)
class Matter:
    code: str
    name: Name
    group: str


@dataclass(frozen=True)
class Catalog:
    hall_id: str = ""
    hall_name: Name = Name("", "")
    groups: tuple[Group, ...] = ()
    matters: tuple[Matter, ...] = ()
    by_code: dict[str, Matter] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, hall_id: str, hall_name: Name, groups: tuple[Group, ...],
              matters: tuple[Matter, ...]) -> Catalog:
        return cls(hall_id, hall_name, groups, matters, {m.code: m for m in matters})

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Catalog:
        """The retained `state/catalog` payload; entries without a code are skipped."""
        hall = raw.get("hall") or {}
        groups = tuple(Group(str(g["code"]), Name.parse(g.get("name"), str(g["code"])), str(g.get("letter") or ""))
                       for g in raw.get("groups") or [] if isinstance(g, dict) and g.get("code"))
        matters = tuple(Matter(str(m["code"]), Name.parse(m.get("name"), str(m["code"])), str(m.get("group") or ""))
                        for m in raw.get("matters") or [] if isinstance(m, dict) and m.get("code"))
        hall_id = str(hall.get("id") or "")
        return cls.build(hall_id, Name.parse(hall.get("name"), hall_id), groups, matters)

    def in_group(self, code: str) -> tuple[Matter, ...]:
        return tuple(m for m in self.matters if m.group == code)

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)


@dataclass(frozen=True, slots=True)
class Citizen:
    """From the ID card reader: a masked name and a salted key; never the ID number."""
    name_masked: str
    key: str
    age: int | None = None


@dataclass(frozen=True, slots=True)
class IssuedTicket:
    id: str
    number: str
    matter: str
    priority: str
    ahead: int
    est_wait_s: int
    issued_at: str = ""

    @classmethod
    def parse(cls, result: dict[str, Any]) -> IssuedTicket:
        t = result["ticket"]
        return cls(str(t["id"]), str(t["number"]), str(t.get("matter") or ""), str(t.get("priority") or "none"),
                   int(result.get("ahead") or 0), int(result.get("est_wait_s") or 0), str(t.get("issued_at") or ""))


@dataclass(frozen=True, slots=True)
class KioskView:
    """One picture of the kiosk; the screens copy it into widgets."""
    screen: str = "welcome"  # welcome groups matters search priority checking confirm issuing printing ticket
    #                          print_failed error
    lang: str = "zh"
    large: bool = False
    hall_name: Name = Name("", "")
    out_of_service: str | None = "connecting"
    groups: tuple[Group, ...] = ()
    group: Group | None = None
    items: tuple[Matter, ...] = ()
    page: int = 0
    pages: int = 1
    query: str = ""
    candidates: tuple[str, ...] = ()  # catalog characters read as the pinyin the query ends with
    matter: Matter | None = None
    priority: str = "none"
    appointment: bool = False
    citizen: str | None = None  # the masked name only
    ticket: IssuedTicket | None = None
    error: str | None = None
    printer: str = "unknown"
    version: int = 0
