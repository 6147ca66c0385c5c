"""A small TOML writer for the files provisioning owns (tomllib only reads).

Enough for hall and catalog files: strings, numbers, booleans, flat lists, tables and arrays
of tables one level deep. Comments in a rewritten file are not kept; the header says so.
"""

from __future__ import annotations

import json
from typing import Any


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        # a JSON string is a TOML basic string, once DEL (legal in JSON, not in TOML) is escaped
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _pairs(table: dict[str, Any]) -> list[str]:
    return [f"{k} = {_value(v)}" for k, v in table.items() if v is not None]


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def dumps(doc: dict[str, Any], header: str = "") -> str:
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    scalars = {k: v for k, v in doc.items() if not isinstance(v, dict) and not _is_table_array(v)}
    out += _pairs(scalars)
    for key, v in doc.items():
        if isinstance(v, dict):
            out += ["", f"[{key}]", *_pairs(v)]
        elif _is_table_array(v):
            for item in v:
                out += ["", f"[[{key}]]", *_pairs(item)]
    return "\n".join(out).lstrip("\n") + "\n"
