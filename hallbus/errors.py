"""Error codes of the hall bus, and the one exception that carries them.

The domain core raises `HallError(code, message)`; the server turns it into an
error response. Codes are snake_case and stable: clients branch on them.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every error code of the contract (v1 and 1.1); a member *is* its wire string."""

    BAD_REQUEST = "bad_request"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN_OP = "unknown_op"
    UNKNOWN_MATTER = "unknown_matter"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_WINDOW = "unknown_window"
    UNKNOWN_TICKET = "unknown_ticket"
    WINDOW_CLOSED = "window_closed"
    NO_CURRENT_TICKET = "no_current_ticket"
    TICKET_IN_PROGRESS = "ticket_in_progress"
    INVALID_STATE = "invalid_state"
    APPOINTMENT_INVALID = "appointment_invalid"
    APPOINTMENT_USED = "appointment_used"
    LIMIT_REACHED = "limit_reached"
    ALREADY_EVALUATED = "already_evaluated"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"
    # version 1.1
    TICKETS_CLOSED = "tickets_closed"
    SLOT_FULL = "slot_full"
    BOOKING_BLOCKED = "booking_blocked"
    CLOSED_DAY = "closed_day"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    RATE_LIMITED = "rate_limited"
    RATING_CLOSED = "rating_closed"


# the module-level names every process imports (`E.NOT_ALLOWED`), one per member
BAD_REQUEST = ErrorCode.BAD_REQUEST
NOT_ALLOWED = ErrorCode.NOT_ALLOWED
UNKNOWN_OP = ErrorCode.UNKNOWN_OP
UNKNOWN_MATTER = ErrorCode.UNKNOWN_MATTER
UNKNOWN_GROUP = ErrorCode.UNKNOWN_GROUP
UNKNOWN_WINDOW = ErrorCode.UNKNOWN_WINDOW
UNKNOWN_TICKET = ErrorCode.UNKNOWN_TICKET
WINDOW_CLOSED = ErrorCode.WINDOW_CLOSED
NO_CURRENT_TICKET = ErrorCode.NO_CURRENT_TICKET
TICKET_IN_PROGRESS = ErrorCode.TICKET_IN_PROGRESS
INVALID_STATE = ErrorCode.INVALID_STATE
APPOINTMENT_INVALID = ErrorCode.APPOINTMENT_INVALID
APPOINTMENT_USED = ErrorCode.APPOINTMENT_USED
LIMIT_REACHED = ErrorCode.LIMIT_REACHED
ALREADY_EVALUATED = ErrorCode.ALREADY_EVALUATED
UNAVAILABLE = ErrorCode.UNAVAILABLE
INTERNAL = ErrorCode.INTERNAL
TICKETS_CLOSED = ErrorCode.TICKETS_CLOSED
SLOT_FULL = ErrorCode.SLOT_FULL
BOOKING_BLOCKED = ErrorCode.BOOKING_BLOCKED
CLOSED_DAY = ErrorCode.CLOSED_DAY
TOO_EARLY = ErrorCode.TOO_EARLY
TOO_LATE = ErrorCode.TOO_LATE
RATE_LIMITED = ErrorCode.RATE_LIMITED
RATING_CLOSED = ErrorCode.RATING_CLOSED

ALL_CODES: dict[ErrorCode, str] = {
    BAD_REQUEST: "the payload is not a valid request (JSON, envelope, or argument types)",
    NOT_ALLOWED: "the device's role may not do this operation",
    UNKNOWN_OP: "no such operation",
    UNKNOWN_MATTER: "the matter code is not in the catalog",
    UNKNOWN_GROUP: "the service group code is not in the catalog",
    UNKNOWN_WINDOW: "no such window in this hall",
    UNKNOWN_TICKET: "no such ticket (id or today's number)",
    WINDOW_CLOSED: "the window is closed (or paused, for calls)",
    NO_CURRENT_TICKET: "the window has no current ticket",
    TICKET_IN_PROGRESS: "the window must finish, no-show or transfer its current ticket first",
    INVALID_STATE: "the ticket is not in a state that allows this",
    APPOINTMENT_INVALID: "the appointment code is forged, altered, for another hall or matter, or outside its slot",
    APPOINTMENT_USED: "the appointment code was already used for a ticket",
    LIMIT_REACHED: "this citizen already holds the daily number of tickets for this matter",
    TICKETS_CLOSED: "a daily cap is reached or it is past the last-ticket time; the message says which and when",
    ALREADY_EVALUATED: "this visit at this window was already rated",
    RATING_CLOSED: "the visit is past the hall's rating period",
    UNAVAILABLE: "the server cannot take requests right now; retry with the same id",
    INTERNAL: "the server failed on this request; nothing was changed",
    SLOT_FULL: "the appointment slot has no place left",
    BOOKING_BLOCKED: "this citizen may not book for a while (too many no-shows)",
    CLOSED_DAY: "the hall is closed on that day",
    TOO_EARLY: "too early for this appointment or check-in",
    TOO_LATE: "too late for this appointment or check-in",
    RATE_LIMITED: "too many requests from this device or phone; try again later",
}


class HallError(Exception):
    """A request that the hall refuses, with a contract error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_wire(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
