"""Typed, frozen models of the payloads of the contract (PROTOCOL.md v1 and 1.1).

Each has `parse(obj)`, which refuses a bad payload with a `bad_request` HallError naming the
field, and `to_wire()`, which gives the JSON object back. Optional 1.1 fields are sent only when
set, so a v1 reader never meets a key it does not know.
"""

from hallbus.models.alerts import Alert, AlertsState
from hallbus.models.call import Call, CallsState
from hallbus.models.catalog import CatalogGroup, CatalogMatter, CatalogState, HallInfo, Package
from hallbus.models.name import Name
from hallbus.models.presence import Presence
from hallbus.models.queues import GroupQueue, QueuesState
from hallbus.models.results import Evaluation, TicketResult, WindowResult
from hallbus.models.ticket import Ticket, TicketAnswer, TicketEvent
from hallbus.models.vocab import CITIZEN_PRIORITIES, AlertLevel, Priority, QueueStatus, Status, WindowStatus
from hallbus.models.windows import WindowsState, WindowState

# the retained state topics, by name, to the model of their payload
STATES = {"calls": CallsState, "queues": QueuesState, "windows": WindowsState, "catalog": CatalogState,
          "alerts": AlertsState}

__all__ = [
    "CITIZEN_PRIORITIES", "STATES", "Alert", "AlertLevel", "AlertsState", "Call", "CallsState", "CatalogGroup",
    "CatalogMatter", "CatalogState", "Evaluation", "GroupQueue", "HallInfo", "Name", "Package", "Presence",
    "Priority", "QueueStatus", "QueuesState", "Status", "Ticket", "TicketAnswer", "TicketEvent", "TicketResult",
    "WindowResult", "WindowState", "WindowStatus", "WindowsState",
]
