"""Operations of the hall's daily rules (hallcore/rules_*.py), kept apart from handlers.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hallcore import rules_missed, rules_park
from queue_server import wire

if TYPE_CHECKING:
    from queue_server.handlers import Ctx


def park(c: Ctx) -> dict[str, Any]:
    return {"ticket": wire.ticket(c.hall, rules_park.park(c.hall, c.now, c.device, c.args.get("note")))}


def resume(c: Ctx) -> dict[str, Any]:
    return {"ticket": wire.ticket(c.hall, rules_park.resume(c.hall, c.now, c.device, c.args["number"]))}


def reactivate(c: Ctx) -> dict[str, Any]:
    from queue_server.handlers import _ticket_result  # the same answer as ticket.status
    return _ticket_result(c, rules_missed.reactivate(c.hall, c.now, c.args["number"]))


RULE_HANDLERS: dict[str, Callable[[Ctx], dict[str, Any]]] = {
    "ticket.park": park, "ticket.resume": resume, "ticket.reactivate": reactivate,
}
