"""What a kiosk controller holds, declared once for the parts it is made of.

`KioskController` is assembled from `NavigationMixin` and `IssueMixin`; each needs to see the
other's state and a few of the other's methods. Declaring them here (instead of annotating
`self` as the controller) gives strict typing and removes the import circle
controller -> navigation -> controller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.model import Catalog, Citizen, IssuedTicket, KioskView, Matter
from kiosk.ports import Issuer, Post, PrintQueue
from kiosk.search import SearchIndex
from kiosk.settings import KioskSettings
from kiosk.ticket_code import TicketCode

Health = dict[str, Any]


class KioskState:
    # wiring (set once by the controller)
    bus: Issuer
    printer: PrintQueue
    settings: KioskSettings
    clock: Callable[[], float]
    new_id: Callable[[], str]
    post: Post
    _make_index: Callable[..., SearchIndex]  # (matters, groups=...)
    on_change: Callable[[KioskView], None] | None
    on_health: Callable[[Health], None] | None
    # the hall and the devices
    catalog: Catalog
    _index: SearchIndex | None
    lang: str
    large: bool
    printer_status: str
    _broker_up: bool
    _server_up: bool | None
    issued: int
    print_failures: int
    _view: KioskView
    _health: Health
    _last_touch: float
    _since: float
    # the citizen's session (forgotten by `_reset`)
    screen: str
    group: str | None
    page: int
    query: str
    results: list[Matter]
    matter: Matter | None
    priority: str
    appointment: str | None
    citizen: Citizen | None
    came_from: str
    ticket: IssuedTicket | None
    error: str | None
    _order: tuple[Any, ...] | None
    _rid: str | None
    _check_rid: str | None  # the appointment.check in flight

    # what one part calls in another (the controller or the other mixin defines each)
    def _render(self, force_health: bool = False) -> None:
        raise NotImplementedError

    def _go(self, screen: str) -> None:
        raise NotImplementedError

    def _touched(self) -> None:
        raise NotImplementedError

    def _reset(self) -> None:
        raise NotImplementedError

    @property
    def view(self) -> KioskView:
        raise NotImplementedError

    @property
    def blocked(self) -> bool:
        raise NotImplementedError

    @property
    def index(self) -> SearchIndex:
        raise NotImplementedError

    def home(self) -> None:
        raise NotImplementedError

    def _fail(self, code: str) -> None:
        raise NotImplementedError

    def look_up(self, code: TicketCode) -> None:
        raise NotImplementedError
