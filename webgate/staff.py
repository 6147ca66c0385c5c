"""The city's staff: who may log in to `/city`, and the signed session that says they did.

The staff file holds one `name scrypt$N$r$p$salt$hash` line per person (salt and hash base64):
scrypt with a salt of its own per person, so a stolen file costs a guesser 16 MiB and tens of ms
per guess per name. It is written 0600 and read only when no one else can read it, as the
database URL file is.

    hallq web staff add NAME --staff-file PATH      (password from the terminal, or one line of stdin)
    hallq web staff remove NAME --staff-file PATH

A session is an itsdangerous-signed cookie (the gateway's key, derived from the hall's secrets,
so every gateway process checks it) naming the person and a fingerprint of their hash: changing
a password or removing the person ends their sessions at once.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

N, R, P = 2**14, 8, 1
NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
SESSION_S = 8 * 3600  # one working day
COOKIE = "hallq_staff"


class StaffError(Exception):
    pass


def hash_password(password: str, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def check_password(stored: str, password: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hash_password(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again.rsplit("$", 1)[1], digest)


# a name not in the file still costs a guess one scrypt, so the time does not tell who exists
_DUMMY = hash_password(secrets.token_hex(8))


@dataclass(frozen=True)
class Staff:
    users: dict[str, str]  # name -> stored hash

    def verify(self, name: str, password: str) -> bool:
        stored = self.users.get(name)
        ok = check_password(stored or _DUMMY, password)
        return ok and stored is not None

    def fingerprint(self, name: str) -> str | None:
        stored = self.users.get(name)
        return None if stored is None else hashlib.sha256(stored.encode()).hexdigest()[:16]


def load(path: str | Path) -> Staff:
    p = Path(path)
    try:
        st = p.stat()
        text = p.read_text("utf-8")
    except OSError as exc:
        raise StaffError(f"cannot read the staff file {p}: {exc.strerror}") from exc
    if st.st_mode & 0o077:
        raise StaffError(f"{p} is readable by others (mode {stat.S_IMODE(st.st_mode):04o}): chmod 600 {p}")
    users: dict[str, str] = {}
    for i, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, stored = line.partition(" ")
        if not NAME.match(name) or not stored.startswith("scrypt$"):
            raise StaffError(f"{p}:{i}: expected 'NAME scrypt$...'")
        users[name] = stored.strip()
    return Staff(users)


def save(path: str | Path, staff: Staff) -> None:
    p = Path(path)
    body = "# hallq city staff: name scrypt$N$r$p$salt$hash (hallq web staff add NAME)\n"
    body += "".join(f"{n} {h}\n" for n, h in sorted(staff.users.items()))
    tmp = p.with_name(p.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
    os.chmod(tmp, 0o600)
    os.replace(tmp, p)


class StaffFile:
    """The staff file, read again when it changes (one stat a request): an added, removed or
    re-passworded person counts at once, without restarting the gateway. A file that turns bad
    (unreadable, loosened mode) lets nobody in until it is fixed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.seen: tuple[float, int, int, int] | None = None
        self.staff = load(self.path)  # a bad file at start is an error the operator sees
        self.seen = self._stamp()

    def _stamp(self) -> tuple[float, int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime, st.st_size, st.st_mode, st.st_ino  # save() replaces: a new inode

    def current(self) -> Staff:
        stamp = self._stamp()
        if stamp != self.seen:
            self.seen = stamp
            try:
                self.staff = load(self.path)
            except StaffError:
                self.staff = Staff({})
        return self.staff


class Sessions:
    def __init__(self, key: bytes, people: StaffFile, max_age_s: int = SESSION_S) -> None:
        self.signer = URLSafeTimedSerializer(key, salt="hallq-staff-session")
        self.people, self.max_age_s = people, max_age_s

    @property
    def staff(self) -> Staff:
        return self.people.current()

    def issue(self, name: str) -> str:
        return self.signer.dumps({"u": name, "f": self.staff.fingerprint(name), "s": secrets.token_hex(8)})

    def read(self, cookie: str | None) -> tuple[str, str] | None:
        """(name, session id) of a valid cookie, else None."""
        if not cookie or len(cookie) > 1000:
            return None
        try:
            data = self.signer.loads(cookie, max_age=self.max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        name = data.get("u")
        if not isinstance(name, str) or data.get("f") != self.staff.fingerprint(name):
            return None
        return name, str(data.get("s", ""))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="hallq web staff", description="who may see the city page")
    ap.add_argument("cmd", choices=["add", "remove"])
    ap.add_argument("name")
    ap.add_argument("--staff-file", required=True)
    args = ap.parse_args(argv)
    if not NAME.match(args.name):
        print("hallq web staff: a name is 1-64 of A-Z a-z 0-9 . _ @ -", file=sys.stderr)
        return 2
    try:
        staff = load(args.staff_file) if Path(args.staff_file).exists() else Staff({})
    except StaffError as exc:
        print(f"hallq web staff: {exc}", file=sys.stderr)
        return 2
    if args.cmd == "remove":
        if staff.users.pop(args.name, None) is None:
            print(f"hallq web staff: no {args.name} in {args.staff_file}", file=sys.stderr)
            return 2
    else:
        if sys.stdin.isatty():
            password = getpass.getpass("password: ")
            if getpass.getpass("again: ") != password:
                print("hallq web staff: the two differ", file=sys.stderr)
                return 2
        else:
            password = sys.stdin.readline().rstrip("\n")
        if len(password) < 10:
            print("hallq web staff: a password has at least 10 characters", file=sys.stderr)
            return 2
        staff.users[args.name] = hash_password(password)
    save(args.staff_file, staff)
    print(f"hallq web staff: {args.cmd} {args.name}: {args.staff_file} ({len(staff.users)} staff)")
    return 0
