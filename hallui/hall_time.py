"""Hall time for every screen: the hall's time zone (from the retained state/catalog, which
carries the hall file's `timezone`), never the machine's. A display on a machine set to UTC
showed 20:07 on 2026-12-01 while the hall and its receipts were at 04:07 on 2026-12-02."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)


class HallTime:
    def __init__(self, zone: str | None = None) -> None:
        self.tz: tzinfo | None = None
        if zone:
            self.set_zone(zone)

    def set_zone(self, zone: object) -> bool:
        """Take the hall's zone name (IANA, e.g. "Asia/Shanghai"); a bad one is logged and ignored."""
        if not isinstance(zone, str) or not zone:
            return False
        try:
            self.tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown hall time zone %r: keeping %s", zone, self.tz)
            return False
        return True

    def at(self, wall: float) -> datetime:
        """The hall's local time at epoch seconds `wall`; UTC until the hall's zone is known
        (shown with its offset rather than guessed from the machine)."""
        return datetime.fromtimestamp(wall, self.tz or UTC)
