"""The print worker off the UI thread, status words, settings: with a hand-written device."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.jsonl_printer import JsonlPrinter
from kiosk.model import Name
from kiosk.ports import TicketSlip
from kiosk.printing import PrintWorker, normalize_status
from kiosk.settings import load_settings

SLIP = TicketSlip(Name("市民服务中心", "Citizen Service Center"), "A001", Name("户口迁移登记", "Household"), "none",
                  0, 0, "2025-01-01T09:00:00+08:00", "20250101-A001")


@pytest.mark.parametrize(("raw", "word"), [
    ("ok", "ok"), ("READY", "ok"), ("paper_out", "paper_out"), ("paper_low", "paper_low"), ("paper_near_end", "paper_low"),
    ("cover_open", "offline"), ("offline", "offline"),
    (None, "offline"), ({"online": True, "paper_out": False}, "ok"), ({"online": True, "paper_out": True}, "paper_out"),
    ({"online": False}, "offline"), ({"online": True, "paper_low": True}, "paper_low"),
])
def test_status_words(raw: object, word: str) -> None:
    assert normalize_status(raw) == word


def test_worker_prints_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "slips.jsonl"
    statuses: list[str] = []
    done: list[tuple[bool, str]] = []
    finished = threading.Event()
    w = PrintWorker(JsonlPrinter(path), lambda s: s, statuses.append, poll_s=0.05).start()

    def record(ok: bool, status: str) -> None:
        done.append((ok, status))
        finished.set()

    w.submit(SLIP, record)
    assert finished.wait(5)
    (tmp_path / "slips.jsonl.paper_out").touch()
    finished.clear()
    w.submit(SLIP, record)
    assert finished.wait(5)
    w.stop()
    assert done == [(True, "ok"), (False, "paper_out")]
    assert statuses[:2] == ["ok", "paper_out"]
    assert len(path.read_text().splitlines()) == 1


def test_settings_file(tmp_path: Path) -> None:
    f = tmp_path / "bundle.toml"
    f.write_text("[kiosk]\nidle_s = 30\nlang = \"en\"\n")
    s = load_settings(f, elderly_age=65)
    assert s.idle_s == 30 and s.lang == "en" and s.elderly_age == 65
    f.write_text("[kiosk]\nidle = 30\n")
    with pytest.raises(ValueError, match="unknown kiosk setting"):
        load_settings(f)
