"""After a SIGHUP reload: say in the log what the new catalog changed, with the tickets concerned."""

from __future__ import annotations

import logging

from hallcore.catalog_change import describe, diff
from hallcore.config import HallConfig
from hallcore.hall import Hall
from hallcore.model import QUEUED

log = logging.getLogger("hallq.server")


def log_catalog_change(old: HallConfig, hall: Hall) -> list[str]:
    """The lines logged (none when the catalog is the same)."""
    new = hall.config
    change = diff(old.groups, old.matters, new.groups, new.matters)
    if not change:
        return []
    gone = {m.code for m in change.removed} | {g.code for g in change.groups_removed}
    waiting: dict[str, int] = {}
    for t in hall.tickets.values():
        if t.status in QUEUED:
            for code in {t.matter, t.group} & gone:
                waiting[code] = waiting.get(code, 0) + 1
    lines = describe(change, waiting)
    for line in lines:
        (log.warning if line.startswith("group removed") else log.info)("catalog %s", line)
    return lines
