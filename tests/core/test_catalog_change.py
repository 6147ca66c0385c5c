"""What a new catalog changes, as the import prints it and the server logs it."""

from __future__ import annotations

from hallcore.catalog_change import describe, diff
from hallcore.model import Group, Matter, Name

G = [Group("a", Name("甲", "A"), "A"), Group("b", Name("乙", "B"), "B")]
M = [Matter("x", Name("办X", "Do X"), "a"), Matter("y", Name("办Y", "Do Y"), "a"), Matter("z", Name("办Z", "Do Z"), "b")]


def test_nothing_changed_is_empty() -> None:
    assert not diff(G, M, G, M) and describe(diff(G, M, G, M)) == []


def test_each_kind_of_change_is_one_line_with_the_waiting_tickets() -> None:
    new_groups = [G[0], Group("c", Name("丙", "C"), "C")]
    new_matters = [Matter("x", Name("办X（新）", "Do X (new)"), "a"), Matter("y", Name("办Y", "Do Y"), "c"),
                   Matter("w", Name("办W", "Do W"), "c")]
    change = diff(G, M, new_groups, new_matters)
    assert [m.code for m in change.added] == ["w"] and [m.code for m in change.removed] == ["z"]
    lines = describe(change, {"z": 1, "b": 1})
    assert lines == [
        "added: w (办W / Do W, group c)",
        "renamed: x: 办X / Do X -> 办X（新） / Do X (new)",
        "moved: y: group a -> c (tickets already issued stay in a)",
        "removed: z (办Z / Do Z): 1 waiting ticket keeps its number and place; kiosks no longer offer it",
        "group added: c (丙 / C, letter C)",
        "group removed: b (乙 / B): 1 waiting; no window can call its tickets any more: "
        "import it only once its queue is empty",
    ]
