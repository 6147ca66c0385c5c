"""Who may connect at all: passwords, TLS with the hall's CA, removal and rotation after SIGHUP."""

from __future__ import annotations

import ssl
import time

import paho.mqtt.client as mqtt
import pytest

from tests.provisioning.conftest import Hall
from tests.provisioning.probe import Refused, close, connect, connect_bundle


def test_the_bundle_connects_over_tls_with_the_generated_ca(hall: Hall) -> None:
    b = hall.bundle("kiosk-01")
    assert b.broker == f"mqtts://localhost:{hall.tls_port}"
    close(connect_bundle(b, hall.tls_port))
    close(connect(hall.tls_port, b.username, b.password, b.ca_file(), host="127.0.0.1"))  # IP SAN


def test_a_wrong_password_is_not_authorized(hall: Hall) -> None:
    with pytest.raises(Refused, match="Not authorized"):
        connect_bundle(hall.bundle("kiosk-01"), hall.tls_port, password="not-the-password")
    with pytest.raises(Refused, match="Not authorized"):
        connect(hall.tls_port, "nobody", "x", hall.bundle("kiosk-01").ca_file())


def test_a_client_that_does_not_trust_the_hall_ca_is_refused(hall: Hall) -> None:
    b = hall.bundle("kiosk-01")
    with pytest.raises(ssl.SSLCertVerificationError):
        connect(hall.tls_port, b.username, b.password, ca_file=ssl.get_default_verify_paths().cafile or "")


def test_plain_tcp_is_refused_where_tls_is_required(hall: Hall) -> None:
    conf = (hall.dir / "mosquitto.conf").read_text()
    assert [ln for ln in conf.splitlines() if ln.startswith("listener")] == [f"listener {hall.tls_port}"]
    b = hall.bundle("kiosk-01")
    with pytest.raises((Refused, OSError)):  # the TLS listener drops a plain MQTT CONNECT
        connect(hall.tls_port, b.username, b.password, ca_file=None, timeout=3)


def test_a_removed_device_is_locked_out_after_sighup(hall: Hall) -> None:
    assert hall.cli("device", "add", "kiosk-09", "--role", "kiosk") == 0
    assert hall.broker.proc is not None
    assert hall.cli("device", "add", "kiosk-10", "--role", "kiosk", "--reload-pid", str(hall.broker.proc.pid)) == 0
    b = hall.bundle("kiosk-09")
    still = connect_bundle(b, hall.tls_port)
    assert hall.cli("device", "remove", "kiosk-09", "--reload") == 0  # the pid from DIR/mosquitto.pid
    assert not (hall.dir / "bundles" / "kiosk-09.json").exists()
    with pytest.raises(Refused, match="Not authorized"):
        connect_bundle(b, hall.tls_port)
    _wait_dropped(still)  # on reload mosquitto also drops a connection made before the removal


def _wait_dropped(c: mqtt.Client) -> None:
    deadline = time.monotonic() + 5
    while c.is_connected() and time.monotonic() < deadline:
        time.sleep(0.02)
    connected = c.is_connected()
    close(c)
    assert not connected


def test_a_rotated_password_replaces_the_old_one(hall: Hall) -> None:
    old = hall.bundle("kiosk-02")
    before = connect_bundle(old, hall.tls_port)
    assert hall.cli("device", "rotate", "kiosk-02", "--reload") == 0
    _wait_dropped(before)  # the reload drops a session made with the old password too
    new = hall.bundle("kiosk-02")
    assert new.password != old.password
    with pytest.raises(Refused, match="Not authorized"):
        connect_bundle(old, hall.tls_port)
    close(connect_bundle(new, hall.tls_port))


def test_device_commands_refuse_what_makes_no_sense(hall: Hall, capsys: pytest.CaptureFixture[str]) -> None:
    assert hall.cli("device", "add", "kiosk-01", "--role", "kiosk") == 2  # already there
    assert hall.cli("device", "add", "server", "--role", "kiosk") == 2  # would get presence/server
    assert hall.cli("device", "add", "Bad Id", "--role", "kiosk") == 2
    assert hall.cli("device", "add", "win-77", "--role", "window") == 2  # a new window needs groups
    assert hall.cli("device", "remove", "win-01") == 2  # its evaluator still has credentials
    assert hall.cli("device", "remove", "nobody") == 2
    err = capsys.readouterr().err
    assert "already has credentials" in err and "needs --groups" in err and "remove its evaluator" in err
