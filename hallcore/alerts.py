"""'Tell me when': one text at N ahead and one when called, per ticket that asked.

The server decides from the hall's state which texts are due; it records only that a text was
sent. Whether one is due is worked out again from the state after a restart, so a crash can
never lose one (and the SMS gateway drops a resend under the same message id: never two).
A subscription is erased, phone and all, once its ticket has ended and nothing is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hallcore.model import QUEUED, Status

if TYPE_CHECKING:
    from hallcore.hall import Hall

NEAR, CALLED, PASSED = "near", "called", "passed"


@dataclass(slots=True)
class Alert:
    ticket: str
    phone_sealed: str
    at_ahead: int
    near_sent: bool = False
    called_sent: bool = False
    passed_sent: bool = False  # a remote ticket passed over for not checking in is told once


@dataclass(frozen=True, slots=True)
class Due:
    ticket: str
    kind: str  # NEAR or CALLED
    number: str
    ahead: int
    window: str | None

    @property
    def message_id(self) -> str:
        """The SMS gateway's idempotency key: the same text is never sent twice under it."""
        return f"{self.ticket}:{self.kind}"


def sweep(hall: Hall, alerts: dict[str, Alert], ids: Iterable[str] | None = None) -> tuple[list[Due], list[str]]:
    """Texts now due, and subscriptions to erase (ticket ended or gone, nothing left to send)."""
    due: list[Due] = []
    erase: list[str] = []
    for tid in list(alerts) if ids is None else [i for i in ids if i in alerts]:
        a, t = alerts[tid], hall.tickets.get(tid)
        if t is None:
            erase.append(tid)
            continue
        r = hall.remote.get(tid)
        if r is not None and r.passed_at is not None and not r.checked_in and not a.passed_sent:
            due.append(Due(tid, PASSED, t.number, 0, None))
        elif r is not None and r.passed_at is not None and not r.checked_in and t.status in QUEUED:
            pass  # out of the line until it checks in: nothing else to tell
        elif t.status in QUEUED and not a.near_sent and hall.ahead(t) <= a.at_ahead:
            due.append(Due(tid, NEAR, t.number, hall.ahead(t), None))
        elif t.status is Status.CALLED and not a.called_sent:
            due.append(Due(tid, CALLED, t.number, 0, t.window))
        elif t.status not in QUEUED and t.status is not Status.CALLED:
            erase.append(tid)  # being served or ended: the phone number goes
    return due, erase


def text_of(d: Due, hall_zh: str, hall_en: str, window_zh: str = "", window_en: str = "") -> str:
    """Whole messages, Chinese first."""
    if d.kind == PASSED:
        return (f"【{hall_zh}】您的 {d.number} 号已到，但尚未在大厅自助机扫码签到，暂被跳过。请尽快到大厅签到，逾时作废。"
                f" {hall_en}: number {d.number} was passed over: check in at a kiosk in the hall soon, or it lapses.")
    if d.kind == CALLED:
        return (f"【{hall_zh}】请 {d.number} 号到 {window_zh} 办理。"
                f" {hall_en}: number {d.number}, please go to {window_en}.")
    return (f"【{hall_zh}】您的 {d.number} 号前面还有 {d.ahead} 人，请回到大厅等候叫号。"
            f" {hall_en}: number {d.number}, {d.ahead} ahead; please come back to the hall.")
