"""Broker credentials travel as a file's path: never in argv, never in the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hallbus.mqtt import BrokerSpec, BusError
from hallq.cli import _apply_bundle

SECRET = "s3cret-pw-not-for-ps"


def _bundle(tmp_path: Path) -> Path:
    f = tmp_path / "win-01.json"
    f.write_text(json.dumps({"hall": "demo", "device": "win-01", "role": "window", "broker": "mqtts://127.0.0.1:8883",
                             "username": "win-01", "password": SECRET, "ca_pem": ""}))
    f.chmod(0o600)
    return f


def test_a_bundle_gives_argv_a_path_and_the_process_no_secret(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("HALLQ_MQTT_USERNAME", raising=False)
    monkeypatch.delenv("HALLQ_MQTT_PASSWORD", raising=False)
    args = _apply_bundle("window", ["--config", str(_bundle(tmp_path))])
    assert SECRET not in " ".join(args) and SECRET not in "".join(os.environ.values())
    spec = BrokerSpec.from_url(args[args.index("--broker") + 1])
    assert (spec.username, spec.password, spec.tls) == ("win-01", SECRET, True)
    child = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.environ.values()))"],
                           capture_output=True, text=True, check=True)
    assert SECRET not in child.stdout


def test_an_unreadable_credentials_file_is_a_clear_error_without_its_content(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"username": "u", "password": ')
    for path in (bad, tmp_path / "missing.json"):
        with pytest.raises(BusError, match="cannot read broker credentials"):
            BrokerSpec.from_url(f"mqtt://127.0.0.1:1883?credentials={path}")
