"""Read a catalog file (CSV or JSON) into rows that remember their line, for error messages.

CSV: a header line, then one row per group or matter. Columns (any order):
  kind (group | matter | package, default matter), code, name_zh, name_en, group, letter, department, service_min,
  materials, pickup, matters (provisioning/catalog_visits.py)
JSON: {"groups": [{...}], "matters": [{...}]} with the same keys (kind is implied).
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import json.decoder
import json.scanner
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provisioning.errors import ProvisionError

COLUMNS = ("kind", "code", "name_zh", "name_en", "group", "letter", "department", "service_min",
           "materials", "pickup", "matters")  # 1.1: provisioning/catalog_visits.py


@dataclass(frozen=True)
class Row:
    line: int
    kind: str
    values: dict[str, Any]


def read_rows(path: Path) -> list[Row]:
    try:
        text = path.read_text("utf-8-sig")  # Excel writes a BOM in front of UTF-8 CSV
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvisionError(f"{path}: cannot read: {exc}") from exc
    if path.suffix.lower() == ".json":
        return _json_rows(text, str(path))
    if path.suffix.lower() == ".csv":
        return _csv_rows(text, str(path))
    raise ProvisionError(f"{path}: a catalog is a .csv or a .json file")


def _csv_rows(text: str, source: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "code" not in header:
        raise ProvisionError(f"{source}:1: header: unknown column(s) {', '.join(unknown) or '-'}; "
                             f"columns are {', '.join(COLUMNS)} (code, name_zh, name_en required)")
    rows, start = [], reader.line_num + 1
    for record in reader:
        values = {k: (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:  # more cells than header columns
            values["__extra__"] = record[None]
        if any(values.values()):  # blank lines are not rows
            rows.append(Row(start, values.pop("kind", "") or "matter", values))
        start = reader.line_num + 1  # a quoted cell may span lines: the row starts after the last one
    return rows


def _json_rows(text: str, source: str) -> list[Row]:
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        # the stdlib decoder keeps no positions; tag every object with the line it opens on
        obj, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        if isinstance(obj, dict):
            obj["__line__"] = bisect.bisect_left(newlines, s_and_end[1]) + 1
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    # the C scanner ignores parse_object; the pure-Python one (same results) calls it
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise ProvisionError(f"{source}:{exc.lineno}: not JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or set(data) - {"groups", "matters", "packages", "__line__"}:
        raise ProvisionError(f'{source}:1: top: a catalog is {{"groups": [...], "matters": [...], "packages": [...]}}')
    rows = []
    for key, kind in (("groups", "group"), ("matters", "matter"), ("packages", "package")):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise ProvisionError(f"{source}:1: {key}: must be a list")
        for item in items:
            if not isinstance(item, dict):
                raise ProvisionError(f"{source}:1: {key}: every item is an object, not {item!r}")
            line = item.pop("__line__")
            item.pop("kind", None)
            rows.append(Row(line, kind, item))
    return rows
