"""`hallq provision closures add|remove|list` edits [booking] closures; the server's loader checks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallcore.hallfile import load_hall
from provisioning.main import main
from tests.support.broker import free_port


def test_closures_add_list_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "hall"
    assert main(["init", "--hall", "closure-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    before = (d / "hall.toml").read_text("utf-8")
    assert main(["closures", "add", "2026-10-02", "2026-10-01", "--dir", str(d)]) == 0
    assert load_hall(str(d / "hall.toml")).booking.closures == {"2026-10-01", "2026-10-02"}
    capsys.readouterr()
    assert main(["closures", "list", "--dir", str(d)]) == 0
    assert capsys.readouterr().out.split() == ["2026-10-01", "2026-10-02"]
    assert main(["closures", "add", "2026-13-01", "--dir", str(d)]) == 2
    assert "'2026-13-01' is not a day" in capsys.readouterr().err
    assert main(["closures", "remove", "2026-10-03", "--dir", str(d)]) == 2
    assert main(["closures", "remove", "2026-10-01", "--dir", str(d)]) == 0
    assert load_hall(str(d / "hall.toml")).booking.closures == {"2026-10-02"}
    assert (d / "hall.toml").read_text("utf-8").startswith(before.rstrip("\n"))  # the rest is the same bytes
