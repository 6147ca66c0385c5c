"""The visit's wire shapes (PROTOCOL 1.1): catalog packages and materials, a ticket's matters, a case."""

from __future__ import annotations

from typing import Any

from hallcore import visit_ops
from hallcore.cases import Case
from hallcore.hall import Hall
from hallcore.model import Ticket


def catalog_fields(hall: Hall) -> dict[str, Any]:
    """`packages`, and per matter `materials` and `pickup` (in the order of `matters`)."""
    return {
        "packages": [{"code": p.code, "name": p.name.to_dict(), "matters": list(p.matters)}
                     for p in hall.config.visits.packages],
        "matters": [{"code": m.code, "name": m.name.to_dict(), "group": m.group,
                     "materials": [x.text().to_dict() for x in m.materials], "pickup": m.pickup}
                    for m in hall.matters.values()],
    }


def ticket_fields(hall: Hall, t: Ticket) -> dict[str, Any]:
    out: dict[str, Any] = {"matters": list(visit_ops.matters_of(t)),
                           "outcomes": {m: o.to_wire() for m, o in t.outcomes.items()}}
    if t.case is not None:
        out["case"] = t.case
    return out


def materials(hall: Hall, t: Ticket) -> list[dict[str, str]]:
    return [m.text().to_dict() for m in visit_ops.materials(hall, t)]


def case(hall: Hall, c: Case) -> dict[str, Any]:
    """No personal data: the case knows its ticket and matter, never the citizen."""
    return {"id": c.id, "number": c.number, "matter": c.matter, "department": c.department,
            "status": c.status.value, "pickup": c.pickup, "note": c.note, "ticket": c.ticket,
            "created_at": hall.time.iso(c.created_at), "updated_at": hall.time.iso(c.updated_at)}
