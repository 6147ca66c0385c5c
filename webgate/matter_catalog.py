"""The catalog a phone form searches: the hall's retained catalog cut to the groups it allows.

Shared by remote tickets and bookings; rebuilt only when a new `state/catalog` arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from kiosk.model import Catalog
from kiosk.search import SearchIndex
from webgate.hub import Hub


def allowed_catalog(hub: Hub, groups: Collection[str]) -> Callable[[], tuple[Catalog, SearchIndex]]:
    cache: dict[int, tuple[Catalog, SearchIndex]] = {}

    def catalog() -> tuple[Catalog, SearchIndex]:
        raw = hub.state.get("catalog", {})
        if id(raw) not in cache:
            cat = Catalog.parse(raw)
            allowed = Catalog.build(cat.hall_id, cat.hall_name, cat.groups,
                                    tuple(m for m in cat.matters if m.group in groups))
            cache.clear()
            cache[id(raw)] = (allowed, SearchIndex(allowed.matters))
        return cache[id(raw)]

    return catalog
