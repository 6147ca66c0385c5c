"""`catalog import --reload` over the real queue server: it loads the catalog at once and says what changed.

Tickets already waiting for a matter the new catalog removes keep their number and their
place: the window calls them in the order they were issued, and the server's log says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallbus.client import BusClient
from hallbus.mqtt import BrokerSpec
from provisioning.main import main
from tests.provisioning.conftest import Hall
from tests.window_console.helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
NEW_CATALOG = """\
kind,code,name_zh,name_en,group,letter,department,service_min
group,comprehensive,综合受理,Comprehensive acceptance,,A,,8
group,real_estate,不动产登记,Real-estate registration,,B,,15
group,pickup,证照领取,Results pickup,,C,,3
group,tax,税务,Tax,,D,,6
matter,resident-id-renew,居民身份证换领（含临时证）,Resident ID card renewal (and temporary card),comprehensive,,,
matter,re-transfer,二手房转移登记,Second-hand property transfer registration,real_estate,,,
matter,pickup-certificate,证照领取,Certificate pickup,pickup,,,
matter,tax-cert,纳税证明,Tax payment certificate,tax,,,
"""


def _bus(hall: Hall, device: str) -> BusClient:
    b = hall.bundle(device)
    return BusClient(BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file()), b.hall, device,
                     retry_s=0.5).start(wait=10)


@pytest.fixture
def server(hall: Hall, tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "server.log"
    out = open(log, "wb")  # noqa: SIM115 - the process owns it
    proc = subprocess.Popen(
        [sys.executable, "-m", "hallq", "server", "--hall", str(hall.dir / "hall.toml"),
         "--config", str(hall.dir / "bundles" / "server.json"), "--db", str(tmp_path / "hall.db"),
         "--pid-file", str(hall.dir / "server.pid")],
        stdout=out, stderr=out, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    yield log
    proc.terminate()
    proc.wait(10)
    out.close()
    assert not (hall.dir / "server.pid").exists()  # a server that stops takes its pid file away


def test_import_reloads_the_server_and_waiting_tickets_keep_their_place(
        hall: Hall, server: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kiosk, window, display = (_bus(hall, d) for d in ("kiosk-01", "win-01", "display-main"))
    catalogs: list[dict[str, object]] = []
    got = threading.Event()

    def on_catalog(_topic: str, payload: bytes) -> None:
        catalogs.append(json.loads(payload))
        got.set()

    display.subscribe(display.topics.state("catalog"), on_catalog)
    try:
        wait_for(lambda: kiosk.request("ticket.status", {"ticket": "Z999"}, timeout=1).error_code != "unavailable",
                 timeout=20, what="the server answering")
        wait_for(lambda: (hall.dir / "server.pid").exists(), what="the server's pid file")
        numbers = [kiosk.request("ticket.issue", {"matter": m}).result["ticket"]["number"]
                   for m in ("hukou-transfer", "resident-id-renew", "hukou-transfer")]
        ahead = [kiosk.request("ticket.status", {"ticket": n}).result["ahead"] for n in numbers]
        f = tmp_path / "new.csv"
        f.write_text(NEW_CATALOG, "utf-8")
        capsys.readouterr()
        assert main(["catalog", "import", "--dir", str(hall.dir), str(f), "--reload"]) == 0
        out = capsys.readouterr().out
        assert "  added: tax-cert (纳税证明 / Tax payment certificate, group tax)" in out
        assert ("  renamed: resident-id-renew: 居民身份证换领 / Resident ID card renewal -> "
                "居民身份证换领（含临时证） / Resident ID card renewal (and temporary card)") in out
        assert "  removed: hukou-transfer (户口迁移登记 / Household registration transfer): tickets already " \
               "waiting for it keep their number and place" in out
        assert "  group added: tax" in out and "reloaded: kiosks offer the new catalog now" in out

        def reloaded() -> bool:
            return bool(catalogs) and "tax-cert" in {m["code"] for m in catalogs[-1]["matters"]}

        wait_for(reloaded, timeout=10, what="state/catalog with the new matter")
        assert kiosk.request("ticket.issue", {"matter": "hukou-transfer"}).error_code == "unknown_matter"
        assert kiosk.request("ticket.issue", {"matter": "tax-cert"}).ok
        after = [kiosk.request("ticket.status", {"ticket": n}).result for n in numbers]
        assert [a["ticket"]["status"] for a in after] == ["waiting"] * 3
        assert [a["ahead"] for a in after] == ahead  # same place in the queue
        assert window.request("window.open").ok
        called = []
        for _ in numbers:
            res = window.request("call.next")
            called.append((res.result["ticket"]["number"], res.result["ticket"]["matter"]))
            assert window.request("ticket.finish").ok
        assert called == list(zip(numbers, ["hukou-transfer", "resident-id-renew", "hukou-transfer"], strict=True))
        log = wait_for(lambda: "catalog removed" in (text := server.read_text()) and text, what="the server's log")
        assert "catalog removed: hukou-transfer (户口迁移登记 / Household registration transfer): 2 waiting " \
               "tickets keep their number and place" in log

        # a device added with --reload: the broker and this server both take it in at once
        assert main(["device", "add", "kiosk-09", "--role", "kiosk", "--dir", str(hall.dir), "--reload"]) == 0
        assert "server" in capsys.readouterr().out.rsplit("; ", 1)[-1]
        new_kiosk = _bus(hall, "kiosk-09")
        try:
            res = wait_for(lambda: (r := new_kiosk.request("ticket.issue", {"matter": "tax-cert"}, timeout=2)).ok and r,
                           timeout=10, what="kiosk-09 known to the server")
            assert res.result["ticket"]["matter"] == "tax-cert"
        finally:
            new_kiosk.stop()

        # the same file again: nothing to report, the same bytes
        before = (hall.dir / "catalog.toml").read_bytes()
        assert main(["catalog", "import", "--dir", str(hall.dir), str(f)]) == 0
        assert "no matter or group changed" in capsys.readouterr().out
        assert (hall.dir / "catalog.toml").read_bytes() == before
    finally:
        for c in (kiosk, window, display):
            c.stop()


def test_a_stale_server_pid_file_is_refused_before_anything_changes(hall: Hall, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    sleeper = subprocess.Popen(["sleep", "30"])  # a live process that is not a queue server
    try:
        (hall.dir / "server.pid").write_text(f"{sleeper.pid}\n")
        f = tmp_path / "new.csv"
        f.write_text(NEW_CATALOG.replace("纳税证明", "完税证明"), "utf-8")
        before = (hall.dir / "catalog.toml").read_bytes()
        assert main(["catalog", "import", "--dir", str(hall.dir), str(f), "--reload"]) == 2
        assert f"pid {sleeper.pid} is not a running queue server" in capsys.readouterr().err
        assert (hall.dir / "catalog.toml").read_bytes() == before
    finally:
        sleeper.kill()
        sleeper.wait()
        (hall.dir / "server.pid").unlink(missing_ok=True)
