"""Typed, frozen models of the payloads of the contract: `parse(obj)` refuses a bad payload with a
`bad_request` HallError naming the field; `to_wire()` gives the JSON object back."""

from hallbus.models.name import Name
from hallbus.models.vocab import CITIZEN_PRIORITIES, AlertLevel, Priority, QueueStatus, Status, WindowStatus

__all__ = ["CITIZEN_PRIORITIES", "AlertLevel", "Name", "Priority", "QueueStatus", "Status", "WindowStatus"]
