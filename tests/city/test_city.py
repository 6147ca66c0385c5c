"""A hall broker bridged to a city broker (both real Mosquitto): state flows out, `city view` reads it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallbus.mqtt import BrokerSpec, Connection
from hallq import city
from tests.support.broker import BASE_CONF, Mosquitto, free_port
from tests.support.server import ServerProcess, client

QUEUES = {"groups": [{"group": "comprehensive", "waiting": 4, "longest_wait_s": 725, "est_wait_s": 960},
                     {"group": "pickup", "waiting": 1, "longest_wait_s": 30, "est_wait_s": 90}]}
WINDOWS = {"windows": [{"id": "w1", "status": "open"}, {"id": "w2", "status": "paused"},
                       {"id": "w3", "status": "open"}]}


@pytest.fixture
def brokers(tmp_path: Path) -> Iterator[tuple[Mosquitto, Mosquitto]]:
    (tmp_path / "city").mkdir()
    (tmp_path / "hall").mkdir()
    town = Mosquitto(tmp_path / "city").start()
    out = tmp_path / "bridge.conf"
    assert city.main(["bridge-config", "--hall", "north", "--city-broker", town.url, "--out", str(out)]) == 0
    port = free_port()
    hall = Mosquitto(tmp_path / "hall", port, BASE_CONF + f"listener {port} 127.0.0.1\n" + out.read_text())
    hall.start()
    yield hall, town
    hall.stop()
    town.stop()


def retained(url: str, topic: str, timeout: float = 10.0) -> dict[str, object]:
    got: list[bytes] = []
    conn = Connection(BrokerSpec.from_url(url), "probe-city")
    conn.subscribe(topic, lambda _t, p: got.append(p))
    conn.start(wait=5)
    deadline = time.monotonic() + timeout
    while not got and time.monotonic() < deadline:
        time.sleep(0.05)
    conn.stop()
    assert got, f"nothing retained on {topic} at {url}"
    return json.loads(got[-1])  # type: ignore[no-any-return]


def publish(url: str, topic: str, body: object) -> None:
    conn = Connection(BrokerSpec.from_url(url), "hall-pub")
    conn.start(wait=5)
    conn.client.publish(topic, json.dumps(body), qos=1, retain=True).wait_for_publish(5)
    conn.stop()


def test_bridge_config_names_the_hall_topics_out(capsys):
    assert city.main(["bridge-config", "--hall", "east", "--city-broker", "mqtt://city.example:1884"]) == 0
    text = capsys.readouterr().out
    assert "address city.example:1884" in text
    assert "topic hall/east/state/# out 1" in text and "topic hall/east/event/# out 1" in text
    assert "req/" not in text and "res/" not in text  # requests and answers stay in the hall
    assert "topic hall/east/presence/server out 1" in text and "presence/#" not in text  # devices stay too
    assert "notifications true" in text and "notification_topic hall/east/bridge" in text


def test_state_published_in_the_hall_reaches_the_city_and_its_view(brokers, capsys):
    hall, town = brokers
    time.sleep(0.5)  # the bridge connects
    publish(hall.url, "hall/north/state/queues", QUEUES)
    publish(hall.url, "hall/north/state/windows", WINDOWS)
    assert retained(town.url, "hall/north/state/queues") == QUEUES
    assert city.main(["view", "--broker", town.url, "--settle", "0.5"]) == 0
    text = capsys.readouterr().out
    assert "hall north" in text and "comprehensive" in text and "12m05s" in text
    assert "windows open: 2 of 3" in text
    assert city.main(["view", "--broker", town.url, "--settle", "0.5", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["north"]
    assert (summary["waiting"], summary["longest_wait_s"], summary["windows_open"]) == (5, 725, 2)
    assert summary["status"] == "up"  # the bridge said "1" and nothing says the server is down


def test_state_retained_before_the_city_came_up_is_forwarded_when_it_does(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "h").mkdir()
    city_port, hall_port = free_port(), free_port()
    conf = city.bridge_config("late", BrokerSpec.from_url(f"mqtt://127.0.0.1:{city_port}"))
    hall = Mosquitto(tmp_path / "h", hall_port, BASE_CONF + f"listener {hall_port} 127.0.0.1\n" + conf).start()
    town = Mosquitto(tmp_path / "c", city_port)
    try:
        publish(hall.url, "hall/late/state/queues", QUEUES)
        town.start()
        assert retained(town.url, "hall/late/state/queues", timeout=20) == QUEUES
    finally:
        hall.stop()
        town.stop()


def test_a_real_server_behind_the_bridge_shows_in_the_city_view(brokers, tmp_path, capsys):
    hall, town = brokers
    # the demo hall is 'demo'; bridge it too
    conf = city.bridge_config("demo", BrokerSpec.from_url(town.url))
    hall.stop()
    hall.conf_path.write_text(hall.conf_path.read_text() + conf.replace("connection hallq-demo", "connection d"))
    hall.start()
    probe = client(hall.url, "display-main")
    server = ServerProcess(hall.url, tmp_path / "demo.db").start(wait_client=probe)
    try:
        kiosk, win = client(hall.url, "kiosk-01"), client(hall.url, "win-01")
        for i in range(3):
            assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id=f"c{i}").ok
        assert win.request("window.open").ok
        kiosk.stop()
        win.stop()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert city.main(["view", "--broker", town.url, "--settle", "0.3", "--json"]) == 0
            demo = json.loads(capsys.readouterr().out).get("demo")
            if demo and demo["waiting"] == 3 and demo["windows_open"] == 1:
                break
        assert demo == {**demo, "waiting": 3, "windows_open": 1, "windows": 12, "name": "Citizen Service Center",
                        "status": "up"}
        server.stop()  # its last word, carried by the bridge: the city view says the server is down
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert city.main(["view", "--broker", town.url, "--settle", "0.3"]) == 0
            text = capsys.readouterr().out
            if "[server down]" in text:
                break
        assert "hall demo  Citizen Service Center  [server down]" in text
    finally:
        probe.stop()
        server.stop()
