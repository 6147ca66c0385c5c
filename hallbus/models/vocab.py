"""The closed word lists of the contract: ticket and window statuses, priorities, alert levels."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"  # waiting again, at the head of its new group or window
    CANCELLED = "cancelled"
    PARKED = "parked"  # 1.1: stepped away for a missing paper: off the window, back to it without queueing


class Priority(StrEnum):
    NONE = "none"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    APPOINTMENT = "appointment"  # given by a valid appointment code, never chosen on a screen


# what a citizen may declare at a kiosk: every priority but the one an appointment code gives
CITIZEN_PRIORITIES: tuple[str, ...] = tuple(p.value for p in Priority if p is not Priority.APPOINTMENT)


class WindowStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class QueueStatus(StrEnum):
    """Version 1.1: a group's state in `state/queues`."""

    OPEN = "open"
    NO_WINDOW = "no_window"
    CLOSED_FOR_TODAY = "closed_for_today"
    NOT_OPEN_YET = "not_open_yet"


class AlertLevel(StrEnum):
    INFO = "info"
    WARN = "warn"
    ALARM = "alarm"
