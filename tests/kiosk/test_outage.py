"""Server gone and back: the kiosk goes out of service and recovers by itself; an order
retried after 'unavailable' keeps its request id, so it can never issue twice."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.settings import KioskSettings
from tests.kiosk.conftest import Kiosk
from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess, client


def test_server_outage_unavailable_retry_same_id(broker: Mosquitto, server: ServerProcess,
                                                 kiosk_factory: Callable[..., Kiosk]) -> None:
    k = kiosk_factory(broker.url, "kiosk-06", KioskSettings(request_timeout_s=1.5))
    c = k.ctrl
    c.touch()
    c.choose_group("pickup")
    c.choose_matter(c.view.items[0].code)
    c.choose_priority("none")
    server.kill9()
    k.pump.until(lambda: c.view.out_of_service == "server_offline")  # the server's last will
    c.confirm()
    assert c.screen == "confirm" and k.spy.ids == []  # blocked under the notice
    c.on_server_presence({"online": True})  # a stale "online": the request goes out and is lost
    c.confirm()
    k.pump.until(lambda: c.screen == "error")
    assert c.view.error == "unavailable"
    probe = client(broker.url, "display-main")
    server.start(wait_client=probe)
    k.pump.until(lambda: c.out_of_service is None)  # recovered by itself
    c.retry()
    assert c.screen == "confirm"
    c.confirm()
    k.pump.until(lambda: c.screen == "ticket")
    assert len(k.spy.ids) == 2 and k.spy.ids[0] == k.spy.ids[1]
    t = c.view.ticket
    assert t is not None and t.number == "E001"
    assert probe.request("ticket.status", {"ticket": "E002"}, timeout=3).error_code == "unknown_ticket"
    probe.stop()


def test_broker_gone_and_back(broker: Mosquitto, server: ServerProcess,
                              kiosk_factory: Callable[..., Kiosk]) -> None:
    k = kiosk_factory(broker.url, "kiosk-07")
    broker.stop()
    k.pump.until(lambda: k.ctrl.out_of_service == "no_broker")
    broker.start()
    k.pump.until(lambda: k.ctrl.out_of_service is None, timeout=20)
