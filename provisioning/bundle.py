"""A device's config bundle: everything it needs to join the hall's broker, in one 0600 JSON file.

`{"hall", "device", "role", "broker": "mqtts://HOST:8883", "username", "password", "ca_pem"}`,
written by `hallq provision device add|rotate`, read by `hallq <role> --config BUNDLE`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from provisioning.acl import ROLES

FIELDS = ("hall", "device", "role", "broker", "username", "password", "ca_pem")


class BundleError(ValueError):
    """The bundle file is missing, not JSON, or lacks a field."""


@dataclass(frozen=True, slots=True)
class DeviceBundle:
    hall: str
    device: str
    role: str
    broker: str
    username: str
    password: str = field(repr=False)  # never in a log line
    ca_pem: str = field(repr=False)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    def ca_file(self) -> str | None:
        """A path holding `ca_pem`, for TLS libraries that want a file (paho's `tls_set`).

        Content-addressed in a private temp dir of this process's user; the CA is public,
        the file is only a vehicle.
        """
        if not self.ca_pem:
            return None
        digest = hashlib.sha256(self.ca_pem.encode()).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / f"hallq-ca-{os.geteuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.stat().st_uid != os.geteuid() or folder.is_symlink():
            raise BundleError(f"{folder} belongs to someone else; refusing to write the CA there")
        path = folder / f"{digest}.pem"
        if not path.exists():
            fd, tmp = tempfile.mkstemp(dir=folder)
            with os.fdopen(fd, "w") as f:
                f.write(self.ca_pem)
            os.replace(tmp, path)
        return str(path)


def load_bundle(path: str | Path) -> DeviceBundle:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BundleError(f"{path}: cannot read bundle: {exc}") from exc
    if not isinstance(data, dict):
        raise BundleError(f"{path}: a bundle is a JSON object")
    missing = [k for k in FIELDS if not isinstance(data.get(k), str)]
    if missing:
        raise BundleError(f"{path}: missing or not a string: {', '.join(missing)}")
    if data["role"] not in ROLES:
        raise BundleError(f"{path}: role {data['role']!r} is not one of {', '.join(ROLES)}")
    return DeviceBundle(**{k: data[k] for k in FIELDS})
