"""The hall file's catalog as the kiosk's, shown until the retained state/catalog arrives."""

from __future__ import annotations

from hallcore.config import HallConfig
from kiosk.model import Catalog, Group, Matter, Name, with_packages


def catalog_of(hall: HallConfig) -> Catalog:
    groups = tuple(Group(g.code, Name(g.name.zh, g.name.en), g.letter) for g in hall.groups)
    matters = tuple(Matter(m.code, Name(m.name.zh, m.name.en), m.group) for m in hall.matters)
    groups, matters = with_packages(groups, matters, tuple((p.code, Name(p.name.zh, p.name.en))
                                                           for p in hall.visits.packages))
    return Catalog.build(hall.id, Name(hall.name.zh, hall.name.en), groups, matters)
