"""The payload shapes section of docs/protocol.md, written from the models themselves.

    python -m hallbus.models.doc            print the section
    python -m hallbus.models.doc --write F  replace it in F (between the two marker lines)

A test checks that docs/protocol.md holds exactly this text, so the page cannot drift from code.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

from hallbus import models as M

BEGIN, END = "<!-- models:begin (python -m hallbus.models.doc --write docs/protocol.md) -->", "<!-- models:end -->"
# payload -> model, in the order the page reads best
SHAPES: tuple[tuple[str, type], ...] = (
    ("a ticket", M.Ticket), ("`ticket.issue`, `ticket.status` result; `event/ticket` (1.1)", M.TicketAnswer),
    ("`call.*`, `ticket.serve|no_show|finish|transfer` result", M.TicketResult),
    ("`window.*` result (`window.current` adds `ticket`)", M.WindowResult),
    ("an evaluation", M.Evaluation), ("`event/call`, one entry of `state/calls`", M.Call),
    ("`state/calls`", M.CallsState), ("`state/queues`", M.QueuesState), ("one group of `state/queues`", M.GroupQueue),
    ("`state/windows`", M.WindowsState), ("one window", M.WindowState), ("`state/catalog`", M.CatalogState),
    ("the catalog's `hall`", M.HallInfo), ("a catalog group", M.CatalogGroup), ("a catalog matter", M.CatalogMatter),
    ("a package (1.1)", M.Package), ("`state/alerts` (1.1)", M.AlertsState), ("an alert (1.1)", M.Alert),
    ("`presence/<device>`, `presence/server`", M.Presence), ("a name", M.Name),
)
INTERNAL = {"with_ticket", "health"}  # model bookkeeping, not a wire key of its own


def _type(t: object) -> str:
    text = str(t).replace("tuple[tuple[str, Any], ...]", "{matter: outcome}")
    return re.sub(r"tuple\[(\w+), \.\.\.\]", r"list[\1]", text)


def render() -> str:
    lines = [BEGIN, "", "| payload | model (`hallbus.models`) | fields (`?`: may be null or absent) |",
             "| --- | --- | --- |"]
    for what, model in SHAPES:
        cells = []
        for f in dataclasses.fields(model):
            if f.name in INTERNAL:
                continue
            t = _type(f.type)
            optional = t.endswith(" | None")
            cells.append(f"`{f.name}{'?' if optional else ''}`: {t.removesuffix(' | None')}".replace("|", "\\|"))
        if model is M.Presence:
            cells.append("…health")
        lines.append(f"| {what.replace('|', chr(92) + '|')} | `{model.__name__}` | {', '.join(cells)} |")
    return "\n".join([*lines, "", END])


def replace_in(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + render() + text[end:]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"] and len(argv) == 2:
        path = Path(argv[1])
        path.write_text(replace_in(path.read_text("utf-8")), "utf-8")
    else:
        print(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
