"""Secret files are 0600 from birth, and no secret reaches a line the CLI or the broker prints."""

from __future__ import annotations

import json
import stat
import subprocess
import time
from pathlib import Path

import pytest

from provisioning import passwd
from provisioning.bundle import load_bundle
from provisioning.main import main
from tests.provisioning.conftest import Hall
from tests.provisioning.probe import Refused, close, connect_bundle
from tests.support.broker import free_port

SECRET_FILES = ["appointment.key", "citizen.salt", "passwd", "acl", "tls/ca.key", "tls/server.key"]


def test_secret_files_are_owner_only(hall: Hall) -> None:
    bundles = sorted((hall.dir / "bundles").glob("*.json"))
    assert len(bundles) >= 7
    for p in [hall.dir / f for f in SECRET_FILES] + bundles:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    for d in ("bundles", "tls", "data"):
        assert stat.S_IMODE((hall.dir / d).stat().st_mode) == 0o700, d


def _secrets(d: Path) -> list[str]:
    found = [load_bundle(b).password for b in (d / "bundles").glob("*.json")]
    found += [(d / f).read_text().strip() for f in ("appointment.key", "citizen.salt")]
    for key in ("tls/ca.key", "tls/server.key"):  # the body of each PEM private key
        found += [ln for ln in (d / key).read_text().splitlines() if ln and not ln.startswith("-----")]
    found += [h.rsplit("$", 1)[1] for h in passwd.parse((d / "passwd").read_text()).values()]
    return found


def test_no_secret_in_cli_output_or_broker_log(hall: Hall, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "h"
    outputs = []
    for argv in (["init", "--hall", "s-hall", "--tls-port", str(free_port())],
                 ["device", "add", "kiosk-01", "--role", "kiosk"],
                 ["device", "add", "kiosk-02", "--role", "kiosk"],
                 ["device", "rotate", "kiosk-01"],
                 ["device", "remove", "kiosk-02"],
                 ["device", "add", "kiosk-02", "--role", "kiosk"],
                 ["appointment", "issue", "--matter", "re-transfer", "--slot", "2026-12-01T09:30"],
                 ["appointment", "issue", "--matter", "nope", "--slot", "2026-12-01T09:30"]):
        main([*argv, "--dir", str(d)])
        outputs.append(capsys.readouterr())
    for argv in (["device", "rotate", "kiosk-01", "--reload-pid", "999999999"],):  # a failing command, too
        assert main([*argv, "--dir", str(d)]) == 2
        outputs.append(capsys.readouterr())
    printed = "\n".join(o.out + o.err for o in outputs)
    assert "added kiosk-01" in printed and "unknown matter" in printed
    # the broker sees a good login, a wrong one (another device's password) and a reload
    close(connect_bundle(hall.bundle("kiosk-01"), hall.tls_port))
    with pytest.raises(Refused):
        connect_bundle(hall.bundle("kiosk-01"), hall.tls_port, password=hall.bundle("kiosk-02").password)
    assert hall.cli("device", "rotate", "kiosk-02", "--reload") == 0
    capsys.readouterr()
    time.sleep(0.2)  # let the broker log the reload
    logs = printed + hall.mosquitto_log()
    assert "not authorised" in logs and "Reloading config" in logs
    for secret in _secrets(d) + _secrets(hall.dir):
        assert secret not in logs


def test_a_bundle_never_shows_its_secrets(hall: Hall) -> None:
    b = hall.bundle("kiosk-01")
    assert b.password not in repr(b) and "BEGIN CERTIFICATE" not in repr(b)
    assert json.loads((hall.dir / "bundles" / "kiosk-01.json").read_text())["password"] == b.password
    assert Path(b.ca_file() or "").read_text() == b.ca_pem


def test_our_hashes_and_mosquitto_passwd_read_each_other(tmp_path: Path) -> None:
    f = tmp_path / "passwd"
    f.write_text(passwd.render({"ours": passwd.hash_password("pw-ours")}))
    subprocess.run(["mosquitto_passwd", "-b", str(f), "theirs", "pw-theirs"], check=True)
    entries = passwd.parse(f.read_text())
    assert entries["theirs"].startswith("$7$101$")
    assert passwd.verify(entries["theirs"], "pw-theirs") and not passwd.verify(entries["theirs"], "pw-ours")
    assert passwd.verify(entries["ours"], "pw-ours")  # mosquitto_passwd kept our line as it was
    salt, digest = entries["theirs"].split("$")[3:]
    assert len(salt) == 16 and len(digest) == 88  # 12-byte salt, 64-byte hash, base64
    ours = passwd.hash_password("x").split("$")
    assert ours[1:3] == ["7", "101"] and len(ours[3]) == 16 and len(ours[4]) == 88
