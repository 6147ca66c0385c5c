"""The 1.1 fields a ticket gains for the citizen's phone, and the ticket as the gateway may see it."""

from __future__ import annotations

from typing import Any

from hallcore.hall import Hall
from hallcore.model import QUEUED, Ticket
from hallcore.ticket_ref import make_ref

PRIVATE = ("name_masked", "note")  # never on a phone page, so never sent to the gateway


def ref_fields(hall: Hall, t: Ticket) -> dict[str, Any]:
    web, r = hall.config.web, hall.remote.get(t.id)
    extra: dict[str, Any] = {"remote": r is not None}
    if r is not None:
        extra.update(checked_in=r.checked_in, passed_over=r.passed_at is not None and not r.checked_in)
    if not web.ref_key:
        return {"ref": None, "url": None, **extra}
    ref = make_ref(web.ref_key, hall.config.id, t.id)
    return {"ref": ref, "url": web.url_of(ref), **extra}


def for_web(ticket: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(ticket).items() if k not in PRIVATE}


def ticket_result(hall: Hall, t: Ticket) -> dict[str, Any]:
    """`{ticket, ahead, est_wait_s}` for the gateway; est_wait_s is None when no window serves the group."""
    from queue_server import wire

    ahead = hall.ahead(t)
    est: int | None = 0
    if t.status in QUEUED:
        est = hall.est_wait_s(t.group, ahead) if hall.staffed(t.group) else None
    return {"ticket": for_web(wire.ticket(hall, t)), "ahead": ahead, "est_wait_s": est}
