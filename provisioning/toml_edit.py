"""Edits of a TOML document in place (tomlkit), so a file an administrator laid out keeps its comments.

tomlkit round-trips a document byte for byte and keeps comments with the items they follow.
Two of its habits need help for a hall file: a comment block just above a `[[table]]` header
belongs, for tomlkit, to the end of the table before it; and a key added to a table goes
after that table's trailing comments. So a key is added above the trailing trivia, and a
removed table takes its own header comment with it and hands the next one's on.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, Table, Whitespace

Trivia = list[tuple[None, Comment | Whitespace]]


def _pop_trivia(body: Container) -> Trivia:
    """Take the comments and blank lines off the end of a table's body (no keys among them)."""
    out: Trivia = []
    while body.body and body.body[-1][0] is None and isinstance(body.body[-1][1], Comment | Whitespace):
        out.append(body.body.pop())  # type: ignore[arg-type]
    return out[::-1]


def _header_comments(body: Container) -> Trivia:
    """The comment lines at the very end of a body: what tomlkit keeps of the next header's comment."""
    out: Trivia = []
    while body.body and body.body[-1][0] is None and isinstance(body.body[-1][1], Comment):
        out.append(body.body.pop())  # type: ignore[arg-type]
    return out[::-1]


def set_key(table: Table | Container, key: str, value: Any) -> None:
    """Set a key; a new one goes after the table's last key, above its trailing comments."""
    if key in table:
        table[key] = value
        return
    body = table.value if isinstance(table, Table) else table
    trivia = _pop_trivia(body)
    table[key] = value
    body.body.extend(trivia)


def remove_key(table: Table, key: str) -> None:
    if key in table:
        del table[key]


def array(table: Table, key: str) -> Array:
    """The array under `key`, made (empty) if the table has none."""
    if key not in table:
        set_key(table, key, tomlkit.array())
    found = table[key]
    if not isinstance(found, Array):
        raise TypeError(f"{key} is not an array")
    return found


def table(doc: tomlkit.TOMLDocument, key: str) -> Table:
    """A top-level `[key]` table, added at the end of the document if missing."""
    if key not in doc:
        doc[key] = tomlkit.table()
    found = doc[key]
    if not isinstance(found, Table):
        raise TypeError(f"[{key}] is not a table")
    return found


def tables(doc: tomlkit.TOMLDocument, key: str) -> AoT:
    """The `[[key]]` array of tables, added at the end of the document if missing."""
    if key not in doc:
        doc.append(key, tomlkit.aot())
    found = doc[key]
    if not isinstance(found, AoT):
        raise TypeError(f"[[{key}]] is not an array of tables")
    return found


def append_table(aot: AoT, values: dict[str, Any]) -> Table:
    """A new `[[...]]` entry after the last one, set off by a blank line as the others are."""
    new = tomlkit.table()
    for k, v in values.items():
        new[k] = v
    if len(aot):
        last = aot[-1].value.body
        if not last or not isinstance(last[-1][1], Whitespace):
            aot[-1].value.append(None, tomlkit.nl())
    new.append(None, tomlkit.nl())
    aot.append(new)
    found: Table = aot[-1]
    return found


def _before(doc: tomlkit.TOMLDocument, aot: AoT, index: int) -> Container | None:
    """The body that ends just above the index-th table's header (where its comment lives)."""
    if index > 0:
        prev: Container = aot[index - 1].value
        return prev
    items = [v for _k, v in doc.body]
    at = next((i for i, v in enumerate(items) if v is aot), 0)
    prev_item = items[at - 1] if at > 0 else None
    if isinstance(prev_item, Table):
        return prev_item.value
    if isinstance(prev_item, AoT) and len(prev_item):
        last: Container = prev_item[-1].value
        return last
    return None  # a comment at the top level stays where it is


def remove_table(doc: tomlkit.TOMLDocument, aot: AoT, index: int) -> None:
    """Drop the index-th `[[...]]` entry with the comment just above it; the next one keeps its own."""
    above = _before(doc, aot, index)
    if above is not None:
        _header_comments(above)  # the removed entry's own comment
    handed_on = _header_comments(aot[index].value)  # the next entry's comment
    del aot[index]
    if above is not None:
        above.body.extend(handed_on)


def new_document(data: dict[str, Any], header: str = "") -> str:
    """The text of a new file: a `#` header, then the data, tables set off by blank lines."""
    doc = tomlkit.document()
    for line in header.splitlines():
        doc.add(tomlkit.comment(line))
    if header:
        doc.add(tomlkit.nl())
    for k, v in data.items():
        if v is not None:
            doc[k] = v
    return tomlkit.dumps(doc)
