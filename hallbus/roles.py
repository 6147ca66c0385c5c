"""The roles of the contract: what a device may do comes from its role, given by the hall file."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    KIOSK = "kiosk"
    WINDOW = "window"
    DISPLAY = "display"
    MANAGER = "manager"
    EVALUATOR = "evaluator"
    SERVER = "server"
    # version 1.1
    WEB = "web"  # the phone gateway
    BACKOFFICE = "backoffice"  # a department's console for cases


ROLES: tuple[str, ...] = tuple(r.value for r in Role)
# every device role, i.e. all but the server: the roles `ticket.status` is open to ("any")
DEVICE_ROLES: tuple[str, ...] = tuple(r for r in ROLES if r != Role.SERVER)
