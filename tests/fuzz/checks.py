"""What must hold after every batch, whatever came in: the contract and the hall's invariants."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hallbus import errors as E
from hallbus.envelope import MAX_ID_LEN, MAX_PAYLOAD
from hallcore.hall import Hall
from hallcore.model import AT_WINDOW, QUEUED, WindowStatus
from queue_server.service import BatchResult, QueueService


def usable_id(payload: bytes) -> str | None:
    """The request id the server must answer to, or None when the payload may be dropped."""
    if len(payload) > MAX_PAYLOAD:
        return None
    try:
        obj = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    rid = obj.get("id") if isinstance(obj, dict) else None
    return rid if isinstance(rid, str) and 0 < len(rid) <= MAX_ID_LEN else None


def check_answers(items: list[tuple[str, bytes]], result: BatchResult,
                  seen: dict[tuple[str, str], bytes]) -> None:
    """One answer per usable id, in order; ok or a contract error, never `internal`; repeats answered alike."""
    expected = [(d, rid) for d, p in items if (rid := usable_id(p)) is not None]
    assert len(result.responses) == len(expected), (expected, result.responses)
    for (device, rid), (to, body) in zip(expected, result.responses, strict=True):
        resp = json.loads(body)
        assert to == device and resp["id"] == rid and resp["v"] == 1
        if not resp["ok"]:
            code = resp["error"]["code"]
            assert code in E.ALL_CODES and code != E.INTERNAL, resp
        first = seen.setdefault((device, rid), body)
        assert first == body, f"request {rid!r} of {device} answered differently the second time"


def check_hall(h: Hall) -> None:
    today = [t for t in h.tickets.values() if t.day == h.day]
    numbers = Counter(t.number for t in today)
    assert not [n for n, c in numbers.items() if c > 1], f"numbers issued twice: {numbers.most_common(3)}"
    assert {h.by_number[t.number] for t in today} == {t.id for t in today}
    lines = [*h.pinned.values()] + [ln for q in h.queues.values() for ln in (q.transferred, q.priority, q.normal)]
    in_lines = Counter(t.id for ln in lines for t in ln)
    assert all(c == 1 for c in in_lines.values()), "a ticket waits in two lines"
    queued = {t.id for t in h.tickets.values() if t.status in QUEUED}
    assert set(in_lines) == queued, "queued tickets and waiting lines disagree"
    holders = Counter(w.ticket for w in h.windows.values() if w.ticket is not None)
    assert all(c == 1 for c in holders.values()), "one ticket at two windows"
    at_window = {t.id for t in h.tickets.values() if t.status in AT_WINDOW}
    assert set(holders) == at_window, "tickets at a window and the windows' current tickets disagree"
    for w in h.windows.values():
        if w.ticket is not None:
            assert h.tickets[w.ticket].window == w.id
        if w.status is WindowStatus.CLOSED:
            assert w.ticket is None
    group_of_letter = {g.letter: code for code, g in h.groups.items()}
    for t in today:  # the counter is past every number handed out (a transfer keeps its number)
        assert h.seq.get(group_of_letter[t.number[0]], 0) >= int(t.number[1:])


def state(h: Hall) -> dict[str, Any]:
    return {"tickets": {i: (t.number, t.status.value, t.window, t.group, t.recalls) for i, t in h.tickets.items()},
            "windows": {i: (w.status.value, w.ticket, tuple(w.groups)) for i, w in h.windows.items()},
            "seq": dict(h.seq)}


def check_restart(svc: QueueService) -> None:
    """A server started on the same store holds the same hall: nothing was answered unsaved.

    The running server ticks at least every few seconds (bus.py), rolling the day; so does this check.
    """
    svc.tick()
    again = QueueService(svc.config, svc.store, svc.clock)
    assert state(again.hall) == state(svc.hall)
    assert set(again.answered) == set(svc.answered)
