"""What the kiosk knows and shows, as frozen values built from the bus's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hallbus.models.catalog import CatalogState
from hallbus.models.name import Name as Name
from hallbus.models.ticket import TicketAnswer  # the one Name of the contract
from hallbus.models.vocab import CITIZEN_PRIORITIES

PRIORITIES = CITIZEN_PRIORITIES  # what a citizen may choose; `appointment` comes from a scanned code


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
    package: bool = False  # 1.1: a "one thing" package (一件事), issued with `package`


PACKAGES = Group("packages", Name("一件事一次办", "One thing, one visit"))  # 1.1: the packages, as one group


def with_packages(groups: tuple[Group, ...], matters: tuple[Matter, ...],
                  packages: tuple[tuple[str, Name], ...]) -> tuple[tuple[Group, ...], tuple[Matter, ...]]:
    """Packages first: the citizen with a life event finds it before the list of matters."""
    if not packages:
        return groups, matters
    return (PACKAGES, *groups), (*(Matter(c, n, PACKAGES.code, True) for c, n in packages), *matters)


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
    def parse(cls, raw: Any) -> Catalog:
        """The retained `state/catalog` payload; a bad one raises the contract's bad_request HallError."""
        wire = CatalogState.parse(raw)
        groups = tuple(Group(g.code, g.name, g.letter or "") for g in wire.groups)
        matters = tuple(Matter(m.code, m.name, m.group) for m in wire.matters)
        groups, matters = with_packages(groups, matters, tuple((p.code, p.name) for p in wire.packages or ()))
        hall = wire.hall
        return cls.build(hall.id if hall else "", hall.name if hall else Name("", ""), groups, matters)

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
    url: str = ""  # 1.1: the ticket's phone page
    materials: tuple[Name, ...] = ()  # 1.1: the visit's one checklist (一次告知)
    no_window: bool = False  # 1.1: no open window serves its group now, so no wait can be told

    @classmethod
    def parse(cls, result: Any) -> IssuedTicket:
        """A `ticket.issue` result; a bad one raises the contract's bad_request HallError."""
        a = TicketAnswer.parse(result)
        t = a.ticket
        raw = result.get("materials") if isinstance(result, dict) else None
        mats = tuple(Name.parse(m, "materials") for m in raw) if isinstance(raw, list) else ()
        # a waiting ticket without an estimate: no window serves the group (never a made-up number)
        no_window = a.est_wait_s is None and t.status.value in ("waiting", "transferred")
        return cls(t.id, t.number, t.matter, t.priority.value, a.ahead, a.est_wait_s or 0, t.issued_at,
                   t.url or "", mats, no_window)


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
    error_detail: str | None = None  # the server's own words where they say more (tickets_closed: which, when)
