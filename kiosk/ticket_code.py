"""A ticket's code read by the kiosk's scanner: the slip's (or phone page's) URL, or an old `HQT1:` slip.

`https://host/t/<ref>` gives the ref (checked by the server: a kiosk cannot tell a forged one);
`HQT1:<hall>:<ticket id>` gives today's ticket id of this hall, for slips printed before refs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

REF = re.compile(r"^\d{8}-[A-Z]\d{3,6}\.[a-z2-7]{16}$")
OLD = re.compile(r"^HQT1:([a-z0-9][a-z0-9_-]{0,63}):(\d{8}-[A-Z]\d{3,6})$")


@dataclass(frozen=True, slots=True)
class TicketCode:
    ref: str | None = None  # from a URL: the op is ticket.check_in
    ticket_id: str | None = None  # from an old slip: the op is ticket.status


def parse_ticket_code(text: str, hall_id: str) -> TicketCode | None:
    text = text.strip()
    m = OLD.match(text)
    if m:
        return TicketCode(ticket_id=m.group(2)) if m.group(1) == hall_id else None
    if not text.startswith(("http://", "https://")) or len(text) > 512:
        return None
    try:
        path = urlsplit(text).path
    except ValueError:
        return None
    parts = path.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == "t" and REF.match(parts[-1]):
        return TicketCode(ref=parts[-1])
    return None
