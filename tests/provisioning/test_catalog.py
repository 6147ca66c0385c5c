"""Catalog import: every bad row named by its line, and a file with any bad row changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallcore.hallfile import load_hall
from provisioning.main import main
from tests.support.broker import free_port

GOOD_CSV = """\
kind,code,name_zh,name_en,group,letter,department,service_min
group,comprehensive,综合受理,Comprehensive,,A,,8
group,tax,税务,Tax,,,,12
matter,id-renew,居民身份证换领,ID card renewal,comprehensive,,综合窗口,10
matter,tax-cert,"纳税证明",Tax certificate,tax,,税务局,
matter,pickup-any,领取,Pickup,pickup,,,
matter,re-transfer,二手房转移登记,Property transfer,real_estate,,,
"""

BAD_CSV = """\
kind,code,name_zh,name_en,group,letter,department,service_min
group,comprehensive,综合受理,Comprehensive,,A,,8
group,Bad Code,坏,Bad,,B,,5
matter,id-renew,居民身份证换领,ID card renewal,comprehensive,,综合窗口,10
matter,no-zh,,No Chinese name,comprehensive,,,
matter,ghost,幽灵,Ghost,no_such_group,,,
matter,id-renew,重复,Duplicate,comprehensive,,,
matter,slow,慢,Slow,comprehensive,,,ten
group,again,再,Again,,A,,
matter,"multi
line",多行,Multi-line code,comprehensive,,,
matter,fine-too,好,Fine,comprehensive,,,
"""


@pytest.fixture
def hall_dir(tmp_path: Path) -> Path:
    d = tmp_path / "hall"
    assert main(["init", "--hall", "cat-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    return d


def _snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}


def test_a_good_csv_replaces_the_catalog_and_the_hall_loads_it(hall_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "catalog.csv"
    f.write_text(GOOD_CSV, "utf-8")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 0
    hall = load_hall(str(hall_dir / "hall.toml"))
    # pickup and real_estate are derived: kept as the hall had them (letters C and B); tax gets a free one
    assert {g.code: g.letter for g in hall.groups} == {"comprehensive": "A", "tax": "D", "pickup": "C",
                                                       "real_estate": "B"}
    m = {m.code: m for m in hall.matters}
    assert set(m) == {"id-renew", "tax-cert", "pickup-any", "re-transfer"}
    assert m["id-renew"].name.zh == "居民身份证换领" and m["tax-cert"].group == "tax"
    assert m["id-renew"].service_s == 600


def test_every_bad_csv_row_is_reported_and_nothing_changes(hall_dir: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "catalog.csv"
    f.write_text(BAD_CSV, "utf-8")
    before = _snapshot(hall_dir)
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    err = capsys.readouterr().err.splitlines()
    lines = sorted({int(e.split(f"{f}:", 1)[1].split(":", 1)[0]) for e in err})
    assert lines == [3, 5, 6, 7, 8, 9, 10], err  # line 10: the row of a code that spans lines 10-11
    assert any("'ten' must be minutes" in e for e in err)
    assert any("already used on line 2" in e for e in err)
    assert _snapshot(hall_dir) == before  # no byte changed, no temp file left behind


def test_every_bad_json_item_is_reported_by_line(hall_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    doc = {"groups": [{"code": "comprehensive", "letter": "A", "name_zh": "综合", "name_en": "Comprehensive"}],
           "matters": [{"code": "ok", "group": "comprehensive", "name_zh": "好", "name_en": "OK"},
                       {"code": 5, "group": "comprehensive", "name_zh": "二", "name_en": "Two"},
                       {"code": "three", "group": "comprehensive", "name_zh": "三", "name_en": "Three", "x": 1},
                       {"code": "four", "group": "missing", "name_zh": "四", "name_en": "Four"}]}
    f = tmp_path / "catalog.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    text = f.read_text("utf-8").splitlines()
    want = [n for n, ln in enumerate(text, 1) if '"code": 5' in ln or '"three"' in ln or '"four"' in ln]
    before = _snapshot(hall_dir)
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    err = capsys.readouterr().err
    # indent=2 puts each key on its own line; an item is reported at the line its "{" opens on
    opens = [n - 1 for n in want]
    assert [f"{f}:{n}:" in err for n in opens] == [True, True, True], err
    assert _snapshot(hall_dir) == before


def test_a_catalog_that_drops_a_group_a_window_serves_is_refused(hall_dir: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "only-tax.csv"
    f.write_text("kind,code,name_zh,name_en,group\ngroup,tax,税务,Tax,\nmatter,tax-cert,纳税证明,Tax cert,tax\n")
    before = _snapshot(hall_dir)
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    assert "unknown group 'comprehensive'" in capsys.readouterr().err  # win-01 serves it
    assert _snapshot(hall_dir) == before


def test_unknown_columns_and_file_kinds_are_refused(hall_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("code,name,colour\nx,y,z\n")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    g = tmp_path / "c.xlsx"
    g.write_text("x")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(g)]) == 2
