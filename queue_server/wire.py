"""Domain objects to the JSON shapes of the contract (PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from hallbus.schemas import CallWire, TicketWire
from hallcore.hall import Hall
from hallcore.model import Evaluation, Ticket, Window
from hallcore.rules_park import parked, parked_at
from hallcore.rules_status import group_status
from queue_server import wire_visit, wire_web


def ticket(hall: Hall, t: Ticket, with_name: bool = False) -> TicketWire:
    """`with_name` only for the window the ticket is at and its evaluator (handlers.sees_name)."""
    iso = hall.time.iso
    wire: Any = {
        "id": t.id, "number": t.number, "matter": t.matter, "group": t.group, "status": t.status.value,
        "priority": t.priority.value, "issued_at": iso(t.issued_at), "called_at": iso(t.called_at),
        "window": t.window,
    }
    # extensions (docs/protocol.md): what a clerk's console and a status look-up need
    if with_name and t.name_masked is not None:
        wire["name_masked"] = t.name_masked
    wire["recalls"] = t.recalls
    wire["served_at"] = iso(t.served_at)
    wire["finished_at"] = iso(t.finished_at)
    wire["target_window"] = t.target_window
    wire["note"] = t.note
    # 1.1 fields are sent only when set (hallbus.models.Ticket): ref and url for the slip's QR and the phone
    wire.update({k: v for k, v in wire_web.ref_fields(hall, t).items() if v is not None})
    if (parked := parked_at(t)) is not None:
        wire["parked_at"] = iso(parked)
    # 1.1: matters, outcomes, materials, case (sent only when set, as above)
    wire.update({k: v for k, v in wire_visit.ticket_fields(hall, t).items() if v is not None})
    return wire  # type: ignore[no-any-return]


def window(hall: Hall, w: Window) -> dict[str, Any]:
    current = hall.tickets.get(w.ticket) if w.ticket else None
    return {"id": w.id, "label": w.label.to_dict(), "status": w.status.value, "groups": list(w.groups),
            "ticket": current.number if current else None,
            "since": hall.time.iso(current.called_at) if current else None,
            "parked": [t.number for t in parked(hall, w.id)]}


def call(hall: Hall, t: Ticket, window_id: str, at: float, recall: bool) -> CallWire:
    w = hall.windows[window_id]
    return {"ticket": t.number, "window": window_id, "window_label": {"zh": w.label.zh, "en": w.label.en},
            "at": hall.time.iso(at) or "", "recall": recall}


def evaluation(e: Evaluation, hall: Hall) -> dict[str, Any]:
    t = hall.tickets.get(e.ticket)
    return {"ticket": e.ticket, "number": t.number if t else None, "window": e.window, "score": e.score,
            "reasons": e.reasons, "at": hall.time.iso(e.at), "follow_up": e.follow_up,
            "matter": t.matter if t else None, "visit_at": hall.time.iso(t.called_at) if t and t.called_at else None}


def state_catalog(hall: Hall) -> dict[str, Any]:
    return {
        "hall": {"id": hall.config.id, "name": hall.config.name.to_dict(), "timezone": hall.config.timezone},
        "groups": [{"code": g.code, "name": g.name.to_dict(), "letter": g.letter} for g in hall.groups.values()],
        "matters": [{"code": m.code, "name": m.name.to_dict(), "group": m.group} for m in hall.matters.values()],
    } | wire_visit.catalog_fields(hall)  # 1.1: packages, each matter's materials and pickup


def state_windows(hall: Hall) -> dict[str, Any]:
    return {"windows": [window(hall, w) for w in hall.windows.values()]}


def state_queues(hall: Hall, now: float) -> dict[str, Any]:
    out = []
    for code, q in hall.queues.items():
        pinned = [t for line in hall.pinned.values() for t in line if t.group == code]
        starts = [s for s in [q.oldest_wait_start(), *(t.queued_at for t in pinned)] if s is not None]
        waiting = len(q) + len(pinned)
        out.append({"group": code, "waiting": waiting,
                    "longest_wait_s": round(now - min(starts)) if starts else 0,
                    "est_wait_s": hall.est_wait_s(code, waiting),
                    "windows_open": hall.staffed(code), "status": group_status(hall, code, waiting, now)})
    return {"groups": out, "at": hall.time.iso(now), "target_s": round(hall.policy.service_level_s)}


def state_calls(hall: Hall) -> dict[str, Any]:
    return {"calls": [call(hall, t, w, at, recall) for t, w, at, recall in hall.recent_calls]}
