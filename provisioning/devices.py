"""`hallq provision device add|remove|rotate`: broker credentials, ACL, hall.toml roles and bundles, in step.

hall.toml is edited in place (provisioning/hall_roles.py): only the device's own lines change.
Order of writes: hall.toml first (it is validated, and refuses a bad change before anything
else is touched), then the password file, the ACL, provision.json, the bundle.
"""

from __future__ import annotations

from typing import Any

from hallcore.hallfile import CODE
from provisioning import acl, hall_roles, passwd
from provisioning.bundle import DeviceBundle
from provisioning.errors import ProvisionError
from provisioning.files import SECRET, write_atomic
from provisioning.hall_dir import HallDir
from provisioning.hall_roles import WindowOptions

__all__ = ["WindowOptions", "add", "remove", "rotate"]


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
    try:
        hall_roles.add(doc, device, role, opt or WindowOptions())
    except TypeError as exc:  # say, `kiosks = "k1"`: the file needs fixing by hand first
        raise ProvisionError(f"{hd.hall_toml}: {exc}") from exc
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
    try:
        hall_roles.remove(doc, device, role, state["devices"])
    except TypeError as exc:
        raise ProvisionError(f"{hd.hall_toml}: {exc}") from exc
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
