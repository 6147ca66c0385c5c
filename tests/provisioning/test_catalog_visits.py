"""Catalog import of materials, pickup and "one thing" packages (CSV and JSON), errors by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallcore.hallfile import load_hall
from provisioning.main import main
from tests.provisioning.test_catalog import _snapshot, hall_dir  # noqa: F401 - the fixture

GOOD = """\
kind,code,name_zh,name_en,group,letter,department,materials,pickup,matters
group,comprehensive,综合受理,Comprehensive,,A,,,,
matter,birth,出生登记,Birth registration,comprehensive,,综合窗口,"居民身份证|Resident ID card|原件|original; 户口簿|Household register",no,
matter,ssc,社保卡申领,Social security card,comprehensive,,综合窗口,居民身份证|Resident ID card|原件|original,yes,
package,newborn,新生儿出生一件事,A newborn's birth,,,,,,birth; ssc
matter,pickup-any,领取,Pickup,pickup,,,,,
matter,re-transfer,二手房转移登记,Property transfer,real_estate,,,,,
"""

BAD = """\
kind,code,name_zh,name_en,group,letter,department,materials,pickup,matters
group,comprehensive,综合受理,Comprehensive,,A,,,,
matter,birth,出生登记,Birth,comprehensive,,,只有中文,,
matter,ssc,社保卡,SSC,comprehensive,,,,maybe,
package,one,一,One,,,,,,birth
package,ghost,鬼,Ghost,,,,,,birth ghost
package,birth,重,Dup,,,,,,birth ssc
matter,pickup-any,领取,Pickup,pickup,,,,,
matter,re-transfer,二手房转移登记,Property transfer,real_estate,,,,,
"""


def test_materials_pickup_and_packages_import(hall_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    f = tmp_path / "catalog.csv"
    f.write_text(GOOD, "utf-8")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 0
    hall = load_hall(str(hall_dir / "hall.toml"))
    m = {m.code: m for m in hall.matters}
    assert [x.text().zh for x in m["birth"].materials] == ["居民身份证（原件）", "户口簿"]
    assert m["ssc"].pickup and not m["birth"].pickup
    assert [(p.code, p.matters) for p in hall.visits.packages] == [("newborn", ("birth", "ssc"))]


def test_bad_visit_cells_are_reported_by_line(hall_dir: Path, tmp_path: Path,  # noqa: F811
                                              capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "catalog.csv"
    f.write_text(BAD, "utf-8")
    before = _snapshot(hall_dir)
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    err = capsys.readouterr().err.splitlines()
    lines = sorted({int(e.split(f"{f}:", 1)[1].split(":", 1)[0]) for e in err})
    assert lines == [3, 4, 5, 6, 7], err
    assert any("zh|en" in e for e in err) and any("'maybe' must be yes or no" in e for e in err)
    assert any("unknown matter(s)" in e and "ghost" in e for e in err)
    assert _snapshot(hall_dir) == before


def test_json_packages_and_materials(hall_dir: Path, tmp_path: Path,  # noqa: F811
                                     capsys: pytest.CaptureFixture[str]) -> None:
    doc = {"groups": [{"code": "comprehensive", "letter": "A", "name_zh": "综合", "name_en": "Comprehensive"}],
           "matters": [{"code": "a", "group": "comprehensive", "name_zh": "甲", "name_en": "A", "pickup": True,
                        "materials": [{"zh": "居民身份证", "en": "ID card", "note_zh": "原件", "note_en": "original"}]},
                       {"code": "b", "group": "comprehensive", "name_zh": "乙", "name_en": "B",
                        "materials": [{"zh": "照片", "en": "Photo", "note_zh": "两张"}]},
                       {"code": "p", "group": "pickup", "name_zh": "领取", "name_en": "Pickup"},
                       {"code": "r", "group": "real_estate", "name_zh": "不动产", "name_en": "Real estate"}],
           "packages": [{"code": "ab", "name_zh": "甲乙", "name_en": "A and B", "matters": ["a", "b"]}]}
    f = tmp_path / "catalog.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 2
    assert "a note needs both" in capsys.readouterr().err
    doc["matters"][1]["materials"][0]["note_en"] = "two"  # type: ignore[index]
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    assert main(["catalog", "import", "--dir", str(hall_dir), str(f)]) == 0
    hall = load_hall(str(hall_dir / "hall.toml"))
    assert hall.visits.packages[0].matters == ("a", "b") and {m.code: m.pickup for m in hall.matters}["a"]


def test_a_back_office_device_is_provisioned_with_its_role(hall_dir: Path) -> None:  # noqa: F811
    assert main(["device", "add", "bo-01", "--role", "backoffice", "--dir", str(hall_dir)]) == 0
    hall = load_hall(str(hall_dir / "hall.toml"))
    assert hall.role_of("bo-01") == "backoffice"
    acl = (hall_dir / "acl").read_text("utf-8")
    assert "user bo-01" in acl and "topic write hall/cat-hall/req/bo-01" in acl
