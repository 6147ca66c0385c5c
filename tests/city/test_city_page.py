"""The city page end to end: two real halls (each its own Mosquitto and `hallq server`), bridged
with the generated config to a third, city, Mosquitto; `hallq web` reads the city broker and a
headless Chromium logs in as staff and watches.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import httpx
import pytest
from selenium.common.exceptions import WebDriverException

from hallbus.mqtt import BrokerSpec
from hallq import city
from tests.support.broker import BASE_CONF, Mosquitto, free_port
from tests.support.browser import CHROMIUM, DRIVER, full_page_png, phone_browser
from tests.support.server import ServerProcess, client
from tests.support.web import ROOT, WebProcess

ARTIFACTS = ROOT / "artifacts" / "web"
PASSWORD = "correct horse battery"
pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)),
                                reason="Debian chromium and chromium-driver: `make` installs them")


@dataclass
class Hall:
    id: str
    file: Path
    broker: Mosquitto
    server: ServerProcess


def hall_file(tmp_path: Path, hall_id: str, zh: str, en: str) -> Path:
    demo = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
    body = demo.replace('id = "demo"', f'id = "{hall_id}"', 1).replace('name_zh = "市民服务中心"', f'name_zh = "{zh}"', 1)
    path = tmp_path / f"{hall_id}.toml"
    path.write_text(body.replace('name_en = "Citizen Service Center"', f'name_en = "{en}"', 1), "utf-8")
    return path


@pytest.fixture
def city_of_two(tmp_path: Path) -> Iterator[tuple[Mosquitto, list[Hall]]]:
    (tmp_path / "city").mkdir()
    town = Mosquitto(tmp_path / "city").start()
    halls: list[Hall] = []
    try:
        for hall_id, zh, en in (("north", "北区市民服务中心", "North Service Center"),
                                ("south", "南区市民服务中心", "South Service Center")):
            work = tmp_path / hall_id
            work.mkdir()
            port = free_port()
            bridge = city.bridge_config(hall_id, BrokerSpec.from_url(town.url))
            broker = Mosquitto(work, port, BASE_CONF + f"listener {port} 127.0.0.1\n" + bridge).start()
            path = hall_file(tmp_path, hall_id, zh, en)
            probe = client(broker.url, "display-main", hall=hall_id)
            server = ServerProcess(broker.url, work / "hall.db", hall=str(path)).start(wait_client=probe)
            probe.stop()
            halls.append(Hall(hall_id, path, broker, server))
        yield town, halls
    finally:
        for h in halls:
            h.server.stop()
            h.broker.stop()
        town.stop()


def wait_for(driver, css: str, expected: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            text = driver.find_element("css selector", css).text
        except WebDriverException:
            text = ""
        if expected in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{css} is {text!r}, not {expected!r}")


def test_staff_see_every_hall_live_and_a_stopped_server_plainly(city_of_two, tmp_path):
    town, (north, south) = city_of_two
    people = tmp_path / "staff"
    add = subprocess.run([sys.executable, "-m", "hallq", "web", "staff", "add", "alice", "--staff-file", str(people)],
                         input=PASSWORD + "\n", text=True, capture_output=True, cwd=ROOT, timeout=30)
    assert add.returncode == 0, add.stderr
    web = WebProcess(north.broker.url, tmp_path / "web.log", hall=str(north.file),
                     extra=["--city-broker", town.url, "--staff-file", str(people)]).start()
    driver = phone_browser(tmp_path / "chromium")
    try:
        driver.get(f"{web.url}/city")
        assert "/staff/login" in driver.current_url  # no session: the login
        driver.find_element("id", "name").send_keys("alice")
        driver.find_element("id", "password").send_keys(PASSWORD)
        driver.find_element("id", "login").click()
        wait_for(driver, "#hall-north .status", "正常")
        wait_for(driver, "#hall-south .status", "正常")
        assert "北区市民服务中心" in driver.find_element("id", "hall-north").text
        assert wait_for(driver, "#hall-south .windows", "0 / 12")
        before = int(driver.find_element("css selector", "#hall-south .waiting").text)
        driver.execute_script("window.notReloaded = true")

        kiosk = client(south.broker.url, "kiosk-01", hall="south")
        try:
            assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}, request_id="city-1").ok
        finally:
            kiosk.stop()
        wait_for(driver, "#hall-south .waiting", str(before + 1))
        assert driver.execute_script("return window.notReloaded === true")  # by SSE, not by a reload
        assert driver.find_element("css selector", "#hall-north .waiting").text == "0"

        north.server.stop()  # its presence says offline, and the bridge carries that to the city
        wait_for(driver, "#hall-north .status", "服务器已停止")
        assert "st-server_down" in driver.find_element("id", "hall-north").get_attribute("class")
        assert driver.execute_script("return window.notReloaded === true")
        full_page_png(driver, ARTIFACTS / "city-zh.png")

        south.broker.stop()  # the hall broker gone: its bridge's will says so on the city broker
        wait_for(driver, "#hall-south .status", "与市平台的连接中断", timeout=45)
        driver.get(f"{web.url}/city?lang=en")
        wait_for(driver, "#hall-north .status", "Server down")
        wait_for(driver, "#hall-south .status", "Bridge to the city down")
        full_page_png(driver, ARTIFACTS / "city-en.png")

        cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
        rows = {r["hall"]: r for r in httpx.get(f"{web.url}/city.json", cookies=cookies, timeout=5).json()["halls"]}
        assert rows["north"]["status"] == "server_down" and rows["south"]["status"] == "bridge_down"
        assert rows["south"]["waiting"] == before + 1 and rows["south"]["target_s"] == 900

        town.stop()  # the gateway's own ear: the page keeps the last figures and says they may be old
        wait_for(driver, "#offline", "Not connected to the city broker", timeout=20)
        assert driver.find_element("id", "hall-south").is_displayed()
    finally:
        driver.quit()
        web.stop()
