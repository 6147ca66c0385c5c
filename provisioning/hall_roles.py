"""A device's place in hall.toml (its role, as the server reads it), edited in place.

The document is tomlkit's, so a device command changes only the lines it must: an id in a
`[devices]` list, a `[[windows]]` entry, an `evaluator` key. Everything else (comments, order,
spacing, the administrator's own keys) is written back byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tomlkit
from tomlkit.items import AoT, Table

from provisioning.errors import ProvisionError
from provisioning.toml_edit import append_table, array, remove_key, remove_table, set_key, table, tables

LISTS = {"kiosk": "kiosks", "display": "displays", "manager": "managers", "web": "webs",
         "backoffice": "backoffices"}


@dataclass(frozen=True)
class WindowOptions:
    groups: list[str] | None = None  # a window's groups (needed for a new window)
    window: str | None = None  # an evaluator's window
    label_zh: str | None = None
    label_en: str | None = None


def _windows(doc: tomlkit.TOMLDocument) -> AoT | list[Table]:
    return tables(doc, "windows") if "windows" in doc else []


def _find(doc: tomlkit.TOMLDocument, key: str, value: str | None) -> Table | None:
    return next((w for w in _windows(doc) if value is not None and w.get(key) == value), None)


def add(doc: tomlkit.TOMLDocument, device: str, role: str, opt: WindowOptions) -> None:
    if role in LISTS:
        ids = array(table(doc, "devices"), LISTS[role])
        if device not in ids:
            ids.append(device)
    elif role == "window":
        entry = _find(doc, "id", device)
        if entry is None:
            if not opt.groups:
                raise ProvisionError(f"{device}: a new window needs --groups (service groups it serves)")
            n = re.sub(r"\D", "", device).lstrip("0") or device
            append_table(tables(doc, "windows"), {"id": device, "label_zh": opt.label_zh or f"{n}号窗口",
                                                  "label_en": opt.label_en or f"Window {n}", "groups": opt.groups})
        elif opt.groups:
            set_key(entry, "groups", opt.groups)
    elif role == "evaluator":
        current = _find(doc, "evaluator", device)
        target = opt.window or (current.get("id") if current is not None else None)
        entry = _find(doc, "id", target)
        if entry is None:
            raise ProvisionError(f"{device}: an evaluator needs --window WINDOW, one of the hall's [[windows]]")
        if current is not None and current is not entry:
            remove_key(current, "evaluator")
        set_key(entry, "evaluator", device)


def remove(doc: tomlkit.TOMLDocument, device: str, role: str, devices: dict[str, str]) -> None:
    if role in LISTS:
        ids = doc.get("devices", {}).get(LISTS[role], [])
        if device in ids:
            ids.remove(device)
    elif role == "window":
        entry = _find(doc, "id", device)
        if entry is None:
            return
        if entry.get("evaluator") in devices:
            raise ProvisionError(f"{device}: remove its evaluator {entry['evaluator']} first")
        aot = tables(doc, "windows")
        remove_table(doc, aot, [w.get("id") for w in aot].index(device))
    elif role == "evaluator":
        for w in _windows(doc):
            if w.get("evaluator") == device:
                remove_key(w, "evaluator")
