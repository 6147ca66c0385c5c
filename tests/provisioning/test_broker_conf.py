"""The generated mosquitto.conf: what it promises, and the optional plain listener on loopback only."""

from __future__ import annotations

from pathlib import Path

import pytest

from provisioning.bundle import load_bundle
from provisioning.main import main
from tests.provisioning.probe import Refused, close, connect
from tests.support.broker import Mosquitto, free_port


def test_the_conf_is_locked_down_and_sized_for_a_hall(tmp_path: Path) -> None:
    d = tmp_path / "h"
    assert main(["init", "--hall", "conf-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    conf = dict(ln.split(" ", 1) for ln in (d / "mosquitto.conf").read_text().splitlines()
                if ln and not ln.startswith("#"))
    assert conf["allow_anonymous"] == "false" and conf["per_listener_settings"] == "false"
    assert conf["persistence"] == "true" and int(conf["autosave_interval"]) <= 10
    assert conf["persistence_location"].startswith(str(d.resolve()))
    assert int(conf["max_queued_messages"]) >= 10000 and conf["set_tcp_nodelay"] == "true"
    assert conf["password_file"] == str(d.resolve() / "passwd") and conf["acl_file"] == str(d.resolve() / "acl")
    assert "listener 1883" not in (d / "mosquitto.conf").read_text()  # no plain listener unless asked


def test_a_plain_listener_is_loopback_only_and_still_wants_a_password(tmp_path: Path) -> None:
    d, tls, plain = tmp_path / "h", free_port(), free_port()
    assert main(["init", "--hall", "plain-hall", "--dir", str(d), "--tls-port", str(tls),
                 "--port", str(plain)]) == 0
    assert f"listener {plain} 127.0.0.1" in (d / "mosquitto.conf").read_text()
    run = tmp_path / "run"
    run.mkdir()
    broker = Mosquitto(run, port=plain, conf=(d / "mosquitto.conf").read_text()).start()
    try:
        b = load_bundle(d / "bundles" / "server.json")
        close(connect(plain, b.username, b.password, ca_file=None, host="127.0.0.1"))
        with pytest.raises(Refused, match="Not authorized"):
            connect(plain, b.username, "wrong", ca_file=None, host="127.0.0.1")
    finally:
        broker.stop()


def test_init_refuses_to_overwrite_a_hall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "h"
    assert main(["init", "--hall", "one", "--dir", str(d)]) == 0
    key = (d / "appointment.key").read_bytes()
    assert main(["init", "--hall", "two", "--dir", str(d)]) == 2
    assert "already holds a hall" in capsys.readouterr().err
    assert (d / "appointment.key").read_bytes() == key
    assert main(["init", "--hall", "Bad Hall", "--dir", str(tmp_path / "x")]) == 2
