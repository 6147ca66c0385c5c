"""The phone gateway's broker rights (role web): its own requests only; it reads event/ticket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from provisioning.main import main
from tests.provisioning.conftest import HALL, Hall
from tests.provisioning.probe import Watcher, close, connect_bundle
from tests.support.broker import Mosquitto, free_port

R = f"hall/{HALL}/"


@pytest.fixture(scope="module")
def web_hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    root, port = tmp_path_factory.mktemp("prov-web"), free_port()
    d = root / "hall"
    assert main(["init", "--hall", HALL, "--dir", str(d), "--host", "localhost", "--tls-port", str(port)]) == 0
    for device, role in (("web-01", "web"), ("kiosk-01", "kiosk")):
        assert main(["device", "add", device, "--role", role, "--dir", str(d)]) == 0
    assert 'webs = ["web-01"]' in (d / "hall.toml").read_text()
    run = root / "run"
    run.mkdir()
    broker = Mosquitto(run, port=port, conf=(d / "mosquitto.conf").read_text()).start()
    yield Hall(d, port, broker)
    broker.stop()


def test_web_publishes_only_its_own_requests(web_hall: Hall) -> None:
    w = Watcher()
    w.add(connect_bundle(web_hall.bundle("server"), web_hall.tls_port), [R + "req/#", R + "state/#"])
    c = connect_bundle(web_hall.bundle("web-01"), web_hall.tls_port)
    try:
        for t in (R + "req/kiosk-01", R + "state/queues", R + "event/ticket", R + "res/kiosk-01"):
            c.publish(t, b"forbidden", qos=1).wait_for_publish(5)
        c.publish(R + "req/web-01", b"marker", qos=1).wait_for_publish(5)
        seen = w.wait_for(R + "req/web-01", b"marker")
        assert [t for t, p in seen if p in (b"forbidden", b"marker")] == [R + "req/web-01"]
    finally:
        close(c)
        w.close()


def test_web_reads_ticket_events_and_a_kiosk_does_not(web_hall: Hall) -> None:
    w = Watcher()
    w.add(connect_bundle(web_hall.bundle("web-01"), web_hall.tls_port), [R + "event/ticket", R + "res/web-01"])
    k = Watcher()
    k.add(connect_bundle(web_hall.bundle("kiosk-01"), web_hall.tls_port), [R + "event/ticket", R + "res/kiosk-01"])
    server = connect_bundle(web_hall.bundle("server"), web_hall.tls_port)
    try:
        server.publish(R + "event/ticket", b"forbidden", qos=1).wait_for_publish(5)
        server.publish(R + "res/web-01", b"marker", qos=1).wait_for_publish(5)
        server.publish(R + "res/kiosk-01", b"marker", qos=1).wait_for_publish(5)
        assert [t for t, _ in w.wait_for(R + "res/web-01", b"marker")] == [R + "event/ticket", R + "res/web-01"]
        assert [t for t, _ in k.wait_for(R + "res/kiosk-01", b"marker")] == [R + "res/kiosk-01"]
    finally:
        close(server)
        w.close()
        k.close()
