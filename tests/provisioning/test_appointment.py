"""Appointment codes issued by provisioning verify with the hall's key; altered ones do not."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from PIL import Image

from hallbus.errors import HallError
from hallcore.appointments import verify
from hallcore.hallfile import load_hall
from provisioning.main import main
from tests.support.broker import free_port


@pytest.fixture(scope="module")
def hall_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("appt") / "hall"
    assert main(["init", "--hall", "appt-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    return d


def _issue(d: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    capsys.readouterr()
    assert main(["appointment", "issue", "--dir", str(d), "--matter", "re-transfer",
                 "--slot", "2026-12-01T09:30", *extra]) == 0
    return capsys.readouterr().out.strip()


def test_an_issued_code_verifies_and_its_qr_holds_it(hall_dir: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "code.png"
    code = _issue(hall_dir, capsys, "--citizen-key", "c0ffee" * 8, "--out", str(png))
    hall = load_hall(str(hall_dir / "hall.toml"))
    a = verify(hall.appointment_key, code, hall.id, ZoneInfo(hall.timezone))
    assert (a.hall, a.matter, a.citizen) == ("appt-hall", "re-transfer", ("c0ffee" * 8)[:16])
    assert (a.slot.year, a.slot.month, a.slot.day, a.slot.hour, a.slot.minute) == (2026, 12, 1, 9, 30)
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png))] == [code]


def test_an_altered_or_foreign_code_is_rejected(hall_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _issue(hall_dir, capsys)
    hall = load_hall(str(hall_dir / "hall.toml"))
    tz = ZoneInfo(hall.timezone)
    altered = [code.replace("re-transfer", "hukou-transfer"), code.replace("T0930", "T1030"),
               code[:-1] + ("0" if code[-1] != "0" else "1"), code.replace("appt-hall", "other-hall")]
    for bad in altered:
        with pytest.raises(HallError):
            verify(hall.appointment_key, bad, hall.id, tz)
    with pytest.raises(HallError):  # signed with another hall's key
        verify(b"another hall's key", code, hall.id, tz)


def test_an_unknown_matter_or_slot_is_a_clear_error(hall_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["appointment", "issue", "--dir", str(hall_dir), "--matter", "no-such",
                 "--slot", "2026-12-01T09:30"]) == 2
    assert "unknown matter 'no-such'" in capsys.readouterr().err
    assert main(["appointment", "issue", "--dir", str(hall_dir), "--matter", "re-transfer",
                 "--slot", "tomorrow"]) == 2
    assert "YYYY-MM-DDTHH:MM" in capsys.readouterr().err


def test_the_demo_hall_takes_a_code_issued_with_no_hall_directory(server, broker, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`--hall demo`, as `hallq server --hall demo`: the code is good at the demo server's kiosk."""
    from datetime import datetime

    from tests.support.server import client

    slot = datetime.now(ZoneInfo(load_hall("demo").timezone)).strftime("%Y-%m-%dT%H:%M")  # due now
    capsys.readouterr()
    assert main(["appointment", "issue", "--hall", "demo", "--matter", "hukou-transfer", "--slot", slot,
                 "--out", str(tmp_path / "demo.png")]) == 0
    code = capsys.readouterr().out.strip()
    assert code.startswith("HQA1.demo.hukou-transfer.")
    kiosk = client(broker.url, "kiosk-01")
    try:
        first = kiosk.request("ticket.issue", {"matter": "hukou-transfer", "appointment": code})
        assert first.ok, first.error_message
        assert first.result["ticket"]["priority"] == "appointment"
        again = kiosk.request("ticket.issue", {"matter": "hukou-transfer", "appointment": code})
        assert again.error_code == "appointment_used"
    finally:
        kiosk.stop()


def test_dir_or_hall_is_needed_and_a_missing_hall_file_is_a_clear_error(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["appointment", "issue", "--matter", "x", "--slot", "2026-12-01T09:30"])
    assert "one of the arguments --dir --hall is required" in capsys.readouterr().err
    assert main(["appointment", "issue", "--hall", str(tmp_path / "none.toml"), "--matter", "x",
                 "--slot", "2026-12-01T09:30"]) == 2
    assert "none.toml: No such file or directory" in capsys.readouterr().err
