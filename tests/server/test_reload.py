"""SIGHUP reloads the hall file and catalog without dropping a ticket; a bad file keeps the old one."""

from __future__ import annotations

import time
from importlib import resources

from tests.support.server import ServerProcess, client

DEMO = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
NEW_MATTER = """
[[matters]]
code = "drone-registration"
group = "comprehensive"
name_zh = "无人机实名登记"
name_en = "Drone registration"
"""


def issue_until(kiosk, matter, want_ok: bool, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while True:
        r = kiosk.request("ticket.issue", {"matter": matter})
        if r.ok == want_ok or time.monotonic() > deadline:
            return r
        time.sleep(0.2)


def test_sighup_reloads_catalog_and_keeps_tickets(broker, tmp_path):
    hall_file = tmp_path / "hall.toml"
    hall_file.write_text(DEMO)
    server = ServerProcess(broker.url, tmp_path / "hall.db", hall=str(hall_file))
    kiosk = client(broker.url, "kiosk-01")
    try:
        server.start(wait_client=kiosk)
        first = kiosk.request("ticket.issue", {"matter": "hukou-transfer"})
        assert kiosk.request("ticket.issue", {"matter": "drone-registration"}).error_code == "unknown_matter"
        hall_file.write_text(DEMO + NEW_MATTER)
        server.hup()
        drone = issue_until(kiosk, "drone-registration", want_ok=True)
        assert drone.ok and drone.result["ticket"]["number"] == "A002"  # numbering carried on
        assert kiosk.request("ticket.status", {"ticket": "A001"}).result["ticket"] == first.result["ticket"]
        hall_file.write_text("[hall\nbroken")
        server.hup()
        time.sleep(1.0)
        assert kiosk.request("ticket.issue", {"matter": "drone-registration"}).ok  # old config kept
        assert "hall file not reloaded" in server.log.read_text()
    finally:
        kiosk.stop()
        server.stop()
