"""`hallq provision device add|remove|rotate`: broker credentials, ACL, hall.toml roles and bundles, in step.

Order of writes: hall.toml first (it is validated, and refuses a bad change before anything
else is touched), then the password file, the ACL, provision.json, the bundle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hallcore.hallfile import CODE
from provisioning import acl, passwd
from provisioning.bundle import DeviceBundle
from provisioning.errors import ProvisionError
from provisioning.files import SECRET, write_atomic
from provisioning.hall_dir import HallDir

LISTS = {"kiosk": "kiosks", "display": "displays", "manager": "managers", "web": "webs"}


@dataclass(frozen=True)
class WindowOptions:
    groups: list[str] | None = None  # a window's groups (needed for a new window)
    window: str | None = None  # an evaluator's window
    label_zh: str | None = None
    label_en: str | None = None


def _windows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    windows: list[dict[str, Any]] = doc.setdefault("windows", [])
    return windows


def _hall_add(doc: dict[str, Any], device: str, role: str, opt: WindowOptions) -> None:
    if role in LISTS:
        ids = doc.setdefault("devices", {}).setdefault(LISTS[role], [])
        if device not in ids:
            ids.append(device)
    elif role == "window":
        entry = next((w for w in _windows(doc) if w.get("id") == device), None)
        if entry is None:
            if not opt.groups:
                raise ProvisionError(f"{device}: a new window needs --groups (service groups it serves)")
            n = re.sub(r"\D", "", device).lstrip("0") or device
            entry = {"id": device, "label_zh": opt.label_zh or f"{n}号窗口", "label_en": opt.label_en or f"Window {n}"}
            _windows(doc).append(entry)
        if opt.groups:
            entry["groups"] = opt.groups
    elif role == "evaluator":
        current = next((w for w in _windows(doc) if w.get("evaluator") == device), None)
        target = opt.window or (current or {}).get("id")
        entry = next((w for w in _windows(doc) if w.get("id") == target), None)
        if entry is None:
            raise ProvisionError(f"{device}: an evaluator needs --window WINDOW, one of the hall's [[windows]]")
        if current is not None and current is not entry:
            current.pop("evaluator")
        entry["evaluator"] = device


def _hall_remove(doc: dict[str, Any], device: str, role: str, devices: dict[str, str]) -> None:
    if role in LISTS:
        ids = doc.get("devices", {}).get(LISTS[role], [])
        if device in ids:
            ids.remove(device)
    elif role == "window":
        entry = next((w for w in _windows(doc) if w.get("id") == device), {})
        if entry.get("evaluator") in devices:
            raise ProvisionError(f"{device}: remove its evaluator {entry['evaluator']} first")
        doc["windows"] = [w for w in _windows(doc) if w.get("id") != device]
    elif role == "evaluator":
        for w in _windows(doc):
            if w.get("evaluator") == device:
                w.pop("evaluator")


def _write_credentials(hd: HallDir, state: dict[str, Any], device: str, password: str | None) -> None:
    entries = passwd.parse(hd.passwd.read_text("utf-8"))
    if password is None:
        entries.pop(device, None)
    else:
        entries[device] = passwd.hash_password(password)
    write_atomic(hd.passwd, passwd.render(entries), SECRET)
    write_atomic(hd.acl, acl.render(state["hall"], state["devices"]), SECRET)
    hd.save_state(state)


def _write_bundle(hd: HallDir, state: dict[str, Any], device: str, password: str) -> DeviceBundle:
    b = DeviceBundle(hall=state["hall"], device=device, role=state["devices"][device],
                     broker=f"mqtts://{state['host']}:{state['tls_port']}", username=device, password=password,
                     ca_pem=(hd.tls / "ca.crt").read_text("ascii"))
    write_atomic(hd.bundle(device), b.to_json(), SECRET)
    return b


def add(hd: HallDir, device: str, role: str, opt: WindowOptions | None = None) -> DeviceBundle:
    state = hd.load_state()
    if not CODE.match(device):
        raise ProvisionError(f"device: {device!r} must match {CODE.pattern}")
    if role not in acl.ROLES:
        raise ProvisionError(f"--role: {role!r} is not one of {', '.join(acl.ROLES)}")
    if device == "server" and role != "server":
        raise ProvisionError("device: 'server' is the server's name (it may publish presence/server)")
    if device in state["devices"]:
        raise ProvisionError(f"{device}: already has credentials (role {state['devices'][device]}); "
                             "use `device rotate` for a new password")
    doc = hd.load_hall_doc()
    _hall_add(doc, device, role, opt or WindowOptions())
    hd.save_hall_doc(doc)
    state["devices"][device] = role
    password = passwd.new_password()
    _write_credentials(hd, state, device, password)
    return _write_bundle(hd, state, device, password)


def remove(hd: HallDir, device: str) -> str:
    state = hd.load_state()
    role: str | None = state["devices"].get(device)
    if role is None:
        raise ProvisionError(f"{device}: no such device")
    doc = hd.load_hall_doc()
    _hall_remove(doc, device, role, state["devices"])
    hd.save_hall_doc(doc)
    del state["devices"][device]
    _write_credentials(hd, state, device, None)
    hd.bundle(device).unlink(missing_ok=True)
    return role


def rotate(hd: HallDir, device: str) -> DeviceBundle:
    state = hd.load_state()
    if device not in state["devices"]:
        raise ProvisionError(f"{device}: no such device")
    password = passwd.new_password()
    _write_credentials(hd, state, device, password)
    return _write_bundle(hd, state, device, password)
