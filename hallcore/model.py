"""Tickets, windows and the catalog: the hall's nouns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# re-exported (`as`): the core's nouns keep their import path
from hallbus.models.name import Name as Name
from hallbus.models.vocab import Priority as Priority
from hallbus.models.vocab import Status as Status
from hallbus.models.vocab import WindowStatus as WindowStatus

# the wire's word lists and its `Name` are the contract's (hallbus.models); the core uses them as is
QUEUED = frozenset({Status.WAITING, Status.TRANSFERRED})
AT_WINDOW = frozenset({Status.CALLED, Status.SERVING})


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    name: Name
    letter: str
    service_s: float = 300.0  # expected service time, until today's figures say better


@dataclass(frozen=True, slots=True)
class Material:
    """One thing to bring; `note` says how (原件及复印件一份: the original and one copy)."""

    name: Name
    note: Name | None = None

    def text(self) -> Name:
        """The wire's `{"zh", "en"}`: the name with its note, whole, as the citizen reads it."""
        if self.note is None:
            return self.name
        return Name(f"{self.name.zh}（{self.note.zh}）", f"{self.name.en} ({self.note.en})")


@dataclass(frozen=True, slots=True)
class Matter:
    code: str
    name: Name
    group: str
    department: str = ""
    service_s: float | None = None
    materials: tuple[Material, ...] = ()  # 1.1: what to bring (hallcore/packages.py)
    pickup: bool = False  # 1.1: results are collected later (出件)


@dataclass(slots=True)
class Ticket:
    id: str
    day: str
    number: str
    matter: str
    group: str
    priority: Priority
    issued_at: float
    status: Status = Status.WAITING
    called_at: float | None = None
    served_at: float | None = None
    finished_at: float | None = None
    window: str | None = None
    target_window: str | None = None  # a transfer to one window pins the ticket there
    queued_at: float = 0.0  # when it (re)entered its queue: issue or transfer
    recalls: int = 0
    citizen_key: str | None = None
    name_masked: str | None = None
    appointment: str | None = None
    outcome: str | None = None
    note: str | None = None
    kiosk: str | None = None
    reactivated: bool = False  # a no-show back in its queue (hallcore/rules_missed.py): once only
    matters: tuple[str, ...] = ()  # 1.1: every matter of the visit, `matter` first (hallcore/visits.py)
    outcomes: dict[str, Any] = field(default_factory=dict)  # 1.1: matter -> hallcore.visits.Outcome
    case: str | None = None  # 1.1: a pickup ticket's case number


@dataclass(slots=True)
class Window:
    id: str
    label: Name
    groups: list[str]
    status: WindowStatus = WindowStatus.CLOSED
    ticket: str | None = None  # id of the ticket at the window (called or serving)
    evaluator: str | None = None


@dataclass(slots=True)
class Evaluation:
    ticket: str
    window: str
    score: int
    reasons: list[str]
    at: float
    day: str
    follow_up: str | None = None


@dataclass(slots=True)
class Changes:
    """What one or more operations changed, for the store and the state topics."""

    tickets: dict[str, Ticket] = field(default_factory=dict)
    windows: dict[str, Window] = field(default_factory=dict)
    counters: dict[tuple[str, str], int] = field(default_factory=dict)
    evaluations: list[Evaluation] = field(default_factory=list)
    appointments_used: dict[str, str] = field(default_factory=dict)
    calls: list[tuple[Ticket, str, float, bool]] = field(default_factory=list)  # (ticket, window, at, recall)
    alerts: dict[str, Any] = field(default_factory=dict)  # ticket id -> hallcore.alerts.Alert; None: erase it
    remote: dict[str, Any] = field(default_factory=dict)  # ticket id -> hallcore.remote.RemoteTicket
    bookings: dict[str, Any] = field(default_factory=dict)  # booking id -> hallcore.bookings.Booking
    blocks: dict[str, Any] = field(default_factory=dict)  # citizen key -> hallcore.bookings.Block
    cases: dict[str, Any] = field(default_factory=dict)  # 1.1: case id -> hallcore.cases.Case

    def __bool__(self) -> bool:
        return bool(self.tickets or self.windows or self.counters or self.evaluations
                    or self.appointments_used or self.calls or self.alerts or self.remote
                    or self.bookings or self.blocks or self.cases)
