"""What a new catalog changes: matters added, renamed, moved, removed; groups added and removed.

Pure, and shared: `hallq provision catalog import` prints it, the server logs it on the
SIGHUP that loads the new catalog, with the tickets it concerns. A ticket already waiting for
a removed matter keeps its number and its place: it was queued by group, and its group is
still served (a catalog that drops a group a window serves does not load), so only kiosks
stop offering the matter. A removed group's waiting tickets are a different case: no window
serves the group, and after the reload no window can be assigned to it either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hallcore.model import Group, Matter


@dataclass(frozen=True, slots=True)
class CatalogChange:
    added: tuple[Matter, ...] = ()
    renamed: tuple[tuple[Matter, Matter], ...] = ()  # (before, after)
    moved: tuple[tuple[Matter, Matter], ...] = ()  # to another group
    removed: tuple[Matter, ...] = ()
    groups_added: tuple[Group, ...] = ()
    groups_removed: tuple[Group, ...] = ()

    def __bool__(self) -> bool:
        return any((self.added, self.renamed, self.moved, self.removed, self.groups_added, self.groups_removed))


def diff(old_groups: Iterable[Group], old_matters: Iterable[Matter], new_groups: Iterable[Group],
         new_matters: Iterable[Matter]) -> CatalogChange:
    before, after = {m.code: m for m in old_matters}, {m.code: m for m in new_matters}
    gb, ga = {g.code: g for g in old_groups}, {g.code: g for g in new_groups}
    both = [c for c in after if c in before]
    return CatalogChange(
        added=tuple(after[c] for c in after if c not in before),
        renamed=tuple((before[c], after[c]) for c in both if before[c].name != after[c].name),
        moved=tuple((before[c], after[c]) for c in both if before[c].group != after[c].group),
        removed=tuple(before[c] for c in before if c not in after),
        groups_added=tuple(ga[c] for c in ga if c not in gb),
        groups_removed=tuple(gb[c] for c in gb if c not in ga))


def describe(change: CatalogChange, waiting: dict[str, int] | None = None) -> list[str]:
    """One line per change; `waiting` (matter or group code -> tickets waiting) where it is known."""
    def n(code: str) -> str:
        if waiting is None:
            return "tickets already waiting for it keep their number and place; kiosks no longer offer it"
        count = waiting.get(code, 0)
        keep = "1 waiting ticket keeps its" if count == 1 else f"{count} waiting tickets keep their"
        return f"{keep} number and place; kiosks no longer offer it"

    lines = [f"added: {m.code} ({m.name.zh} / {m.name.en}, group {m.group})" for m in change.added]
    lines += [f"renamed: {a.code}: {a.name.zh} / {a.name.en} -> {b.name.zh} / {b.name.en}" for a, b in change.renamed]
    lines += [f"moved: {a.code}: group {a.group} -> {b.group} (tickets already issued stay in {a.group})"
              for a, b in change.moved]
    lines += [f"removed: {m.code} ({m.name.zh} / {m.name.en}): {n(m.code)}" for m in change.removed]
    lines += [f"group added: {g.code} ({g.name.zh} / {g.name.en}, letter {g.letter})" for g in change.groups_added]
    for g in change.groups_removed:
        left = "" if waiting is None else f"{waiting.get(g.code, 0)} waiting; "
        lines.append(f"group removed: {g.code} ({g.name.zh} / {g.name.en}): {left}no window can call its "
                     "tickets any more: import it only once its queue is empty")
    return lines
