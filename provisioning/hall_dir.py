"""The files of a provisioned hall directory, and the two documents provisioning edits.

`provision.json` (not secret) remembers what init chose (broker host, ports) and every device
that has credentials, with its role: it is what the ACL file is rebuilt from. `hall.toml` is
the server's view (roles of kiosks, windows, ...); every edit of it is checked with the same
`load_hall` the server uses before it replaces the file, so a bad edit changes nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError

from hallcore.hallfile import HallFileError, load_hall
from provisioning.errors import ProvisionError
from provisioning.files import PUBLIC, write_atomic

HALL_HEADER = """Hall file, written by `hallq provision` (schema: docs/hall-file.md; how it is made: docs/provisioning.md).
Edit freely: `hallq provision device ...` changes only a device's own lines and keeps your comments."""


@dataclass(frozen=True)
class HallDir:
    root: Path

    @property
    def hall_toml(self) -> Path:
        return self.root / "hall.toml"

    @property
    def catalog(self) -> Path:
        return self.root / "catalog.toml"

    @property
    def state(self) -> Path:
        return self.root / "provision.json"

    @property
    def passwd(self) -> Path:
        return self.root / "passwd"

    @property
    def acl(self) -> Path:
        return self.root / "acl"

    @property
    def conf(self) -> Path:
        return self.root / "mosquitto.conf"

    @property
    def pidfile(self) -> Path:
        return self.root / "mosquitto.pid"

    @property
    def server_pidfile(self) -> Path:  # `hallq server --pid-file DIR/server.pid`
        return self.root / "server.pid"

    @property
    def tls(self) -> Path:
        return self.root / "tls"

    @property
    def bundles(self) -> Path:
        return self.root / "bundles"

    def bundle(self, device: str) -> Path:
        return self.bundles / f"{device}.json"

    def require(self) -> None:
        if not self.state.exists():
            raise ProvisionError(f"{self.root}: not a provisioned hall (run `hallq provision init` first)")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One provisioning command at a time per hall: each reads, changes and rewrites several files."""
        self.require()
        fd = os.open(self.root, os.O_RDONLY)  # the directory itself: no lock file to leave behind
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    # -- provision.json -------------------------------------------------
    def load_state(self) -> dict[str, Any]:
        self.require()
        data: dict[str, Any] = json.loads(self.state.read_text("utf-8"))
        return data

    def save_state(self, state: dict[str, Any]) -> None:
        write_atomic(self.state, json.dumps(state, indent=2, sort_keys=True) + "\n", PUBLIC)

    # -- hall.toml ------------------------------------------------------
    def load_hall_doc(self) -> tomlkit.TOMLDocument:
        """hall.toml as tomlkit reads it: saved again, every byte not edited comes back the same."""
        try:
            return tomlkit.parse(self.hall_toml.read_text("utf-8"))
        except ParseError as exc:
            raise ProvisionError(f"{self.hall_toml}:{exc.line}: {exc}") from exc

    def save_hall_doc(self, doc: tomlkit.TOMLDocument | str, catalog_text: str | None = None) -> None:
        """Replace hall.toml (and catalog.toml, when given) only if the result loads cleanly."""
        text = doc if isinstance(doc, str) else tomlkit.dumps(doc)
        self.validate(text, catalog_text)
        if catalog_text is not None:
            write_atomic(self.catalog, catalog_text, PUBLIC)
        write_atomic(self.hall_toml, text, PUBLIC)

    def validate(self, hall_text: str, catalog_text: str | None) -> None:
        """Load the would-be files with the server's own loader, from temp files beside the real ones."""
        made: dict[str, str] = {}  # temp name -> the real name it stands for

        def temp(prefix: str, text: str, real: str) -> str:
            fd, path = tempfile.mkstemp(prefix=prefix, suffix=".toml", dir=self.root)
            with os.fdopen(fd, "wb") as f:
                f.write(text.encode("utf-8"))
            made[path] = real
            return path

        try:
            if catalog_text is not None:
                doc = tomlkit.parse(hall_text)
                doc["hall"]["catalog_file"] = os.path.basename(temp(".catalog.", catalog_text, "catalog.toml"))
                hall_text = tomlkit.dumps(doc)
            load_hall(temp(".hall.", hall_text, "hall.toml"))
        except HallFileError as exc:
            problems = []
            for line in exc.problems:  # name the real files, not the temp ones
                for tmp, real in made.items():
                    line = line.replace(tmp, str(self.root / real)).replace(os.path.basename(tmp), real)
                problems.append(line)
            raise ProvisionError(problems) from exc
        finally:
            for tmp in made:
                os.unlink(tmp)

    def save_catalog(self, catalog_text: str) -> None:
        """Replace catalog.toml, checked together with the current hall.toml (windows name groups)."""
        self.validate(self.hall_toml.read_text("utf-8"), catalog_text)
        write_atomic(self.catalog, catalog_text, PUBLIC)
