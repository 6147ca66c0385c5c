"""Error codes of the hall bus, and the one exception that carries them.

The domain core raises `HallError(code, message)`; the server turns it into an
error response. Codes are snake_case and stable: clients branch on them.
"""

from __future__ import annotations

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
TICKETS_CLOSED = "tickets_closed"
ALREADY_EVALUATED = "already_evaluated"
UNAVAILABLE = "unavailable"
INTERNAL = "internal"

ALL_CODES: dict[str, str] = {
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
    UNAVAILABLE: "the server cannot take requests right now; retry with the same id",
    INTERNAL: "the server failed on this request; nothing was changed",
}


class HallError(Exception):
    """A request that the hall refuses, with a contract error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_wire(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
