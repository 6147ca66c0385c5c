"""`hallq simulate` and `hallq plan` as a person runs them: output, files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from hallcore.config import HallConfig
from hallq.cli import main as hallq
from tests.simulator.test_history import synthetic, write_store
from tests.support.broker import Mosquitto, free_port

AT = 1741141800  # 2025-03-05 10:30 in Shanghai
QUEUES = {"groups": [{"group": "comprehensive", "waiting": 15, "longest_wait_s": 900, "est_wait_s": 700},
                     {"group": "enterprise", "waiting": 5, "longest_wait_s": 2400, "est_wait_s": 2000}]}
WINDOWS = {"windows": [
    {"id": f"win-{i:02d}", "label": {"zh": f"{i}号窗口", "en": f"Window {i}"}, "status": "open",
     "groups": ["enterprise"] if i == 11 else ["comprehensive"], "ticket": None} for i in (1, 2, 5, 11)]}


def test_simulate_prints_tables_and_writes_plots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert hallq(["simulate", "--hall", "demo", "--rate", "60", "--days", "1", "--seed", "3",
                  "--out", str(tmp_path), "--compare-pooled"]) == 0
    out = capsys.readouterr().out
    for text in ("By group", "By hour of day", "By window", "dedicated", "pooled", "comprehensive", "10:00"):
        assert text in out
    names = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.png")}
    assert "compare_pooled.png" in names
    assert {"pooled/waits_by_hour.png", "dedicated/utilisation_by_hour.png",
            "as_configured/waits_by_group.png", "as_configured/windows.png"} <= names
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in tmp_path.rglob("*.png"))


def test_simulate_from_an_arrivals_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "arrivals.csv"
    csv.write_text("hour,matter,rate\n# morning only\n9,hukou-transfer,20\n10,pickup-license,15\n")
    assert hallq(["simulate", "--arrivals", str(csv), "--no-breaks"]) == 0
    assert f"arrivals from {csv}" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "message"), [
    ("hour,matter,rate\n9,hukou-transfer,20\n10;pickup-license;3\n", "arrivals.csv:3: expected 3 fields"),
    ("9,hukou-transfer,20\nten,pickup-license,3\n", "arrivals.csv:2: hour 'ten'"),
    ("9,hukou-transfer,20\n\n10,bakery,3\n", "arrivals.csv:3: unknown matter 'bakery'"),
    ("9,hukou-transfer,-1\n", "arrivals.csv:1: rate '-1' must be"),
    ("9,hukou-transfer,2\n9,hukou-transfer,3\n", "arrivals.csv:2: hour 9 and matter 'hukou-transfer' already"),
])
def test_a_bad_arrivals_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      text: str, message: str) -> None:
    csv = tmp_path / "arrivals.csv"
    csv.write_text(text)
    assert hallq(["simulate", "--arrivals", str(csv)]) == 2
    assert message in capsys.readouterr().err


def test_simulate_learns_from_the_store(demo: HallConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hall.db"
    write_store(db, synthetic(demo, 5))
    assert hallq(["simulate", "--history-db", str(db), "--days", "2"]) == 0
    assert "learned from 5 day(s)" in capsys.readouterr().out


def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert hallq(["simulate", "--rate", "-3"]) == 2
    assert hallq(["simulate", "--days", "0"]) == 2
    assert hallq(["simulate", "--rate", "x"]) == 2
    assert hallq(["simulate", "--hall", "/nonexistent/hall.toml"]) == 2


def _state_file(tmp_path: Path) -> Path:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"at": AT, "queues": QUEUES, "windows": WINDOWS,
                                "arrivals_per_h": {"comprehensive": 30, "enterprise": 4}}))
    return path


def test_plan_from_a_state_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert hallq(["plan", "--state", str(_state_file(tmp_path)), "--assign", "win-05=enterprise,comprehensive",
                  "--runs", "4"]) == 0
    out = capsys.readouterr().out
    assert "Proposed: win-05=enterprise,comprehensive" in out
    row = next(line.split() for line in out.splitlines() if line.startswith("enterprise"))
    assert float(row[-1]) < 0  # enterprise waits less with a second window


@pytest.mark.parametrize(("assign", "message"), [
    ("win-77=pickup", "unknown window 'win-77'"),
    ("win-05=pickup,bakery", "unknown group 'bakery'"),
    ("win-05", "expected WINDOW=GROUP"),
])
def test_plan_rejects_a_bad_assignment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       assign: str, message: str) -> None:
    assert hallq(["plan", "--state", str(_state_file(tmp_path)), "--assign", assign]) == 2
    assert message in capsys.readouterr().err


def test_plan_without_a_broker_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert hallq(["plan", "--broker", f"mqtt://127.0.0.1:{free_port()}"]) == 2
    assert "cannot reach the broker" in capsys.readouterr().err


def test_plan_without_a_server_says_so(broker: Mosquitto, capsys: pytest.CaptureFixture[str]) -> None:
    assert hallq(["plan", "--broker", broker.url, "--timeout", "0.5"]) == 2
    assert "is the queue server for hall 'demo' running?" in capsys.readouterr().err


def test_plan_reads_the_retained_state(broker: Mosquitto, capsys: pytest.CaptureFixture[str]) -> None:
    pub = mqtt.Client(CallbackAPIVersion.VERSION2)
    pub.connect("127.0.0.1", broker.port)
    pub.loop_start()
    for name, payload in (("queues", QUEUES), ("windows", WINDOWS)):
        pub.publish(f"hall/demo/state/{name}", json.dumps(payload), qos=1, retain=True).wait_for_publish(5)
    pub.disconnect()
    pub.loop_stop()
    assert hallq(["plan", "--broker", broker.url, "--assign", "win-05=enterprise", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert "default day profile" in out
    assert next(line for line in out.splitlines() if line.startswith("comprehensive")).split()[1] == "15"
