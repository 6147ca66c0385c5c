"""A device's broker credentials, read from the file that holds them (its provisioning bundle).

They travel as the file's path in the broker URL (`?credentials=PATH`), never as the values: not
on a command line (`ps` shows it) and not in the environment (every child process inherits it).
"""

from __future__ import annotations

import json
from pathlib import Path

from hallbus.mqtt import BusError


def read_credentials(path: str) -> tuple[str, str]:
    """(username, password) from a JSON object file with those two fields."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
        user, password = data["username"], data["password"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BusError(f"cannot read broker credentials from {path}: {type(exc).__name__}") from None
    if not isinstance(user, str) or not isinstance(password, str):
        raise BusError(f"cannot read broker credentials from {path}: username and password must be text")
    return user, password
