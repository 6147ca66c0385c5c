"""Search by Chinese, English and pinyin initials; fast on a 2,000-matter catalog."""

from __future__ import annotations

import time

from kiosk.model import Catalog
from kiosk.search import SearchIndex, initials_variants, pinyin_initials
from tests.kiosk.catalogs import demo_catalog, synthetic_catalog


def test_pinyin_initials() -> None:
    assert pinyin_initials("户口迁移登记") == "hkqydj"
    assert pinyin_initials("ID卡补办") == "idkbb"
    assert set(initials_variants("银行")) >= {"yh", "yx"}  # a polyphone matches either reading
    assert len(initials_variants("重重重重长长长长")) == 8  # bounded


def test_demo_catalog_by_three_keys() -> None:
    cat = Catalog.parse(demo_catalog())
    idx = SearchIndex(cat.matters)
    assert idx.search("hkqy")[0].code == "hukou-transfer"  # pinyin initials, ranked first
    assert any(m.code == "hukou-transfer" for m in idx.search("户口"))
    assert any(m.code == "hukou-transfer" for m in idx.search("Household"))
    assert any(m.code == "hukou-transfer" for m in idx.search("household registration"))
    assert idx.search("") == [] and idx.search("   ") == []
    assert idx.search("zzzzqqq") == []


def test_two_thousand_matters_build_and_query_fast() -> None:
    cat = Catalog.parse(synthetic_catalog(2000))
    pinyin_initials("预热")  # the pypinyin import is a one-off cost, not the index's
    t0 = time.perf_counter()
    idx = SearchIndex(cat.matters)
    build = time.perf_counter() - t0
    queries = ["h", "hk", "gjj", "公积金", "fund", "social insurance", "zm", "1999", "x"]
    t0 = time.perf_counter()
    for q in queries * 10:
        idx.search(q)
    per_query = (time.perf_counter() - t0) / (len(queries) * 10)
    assert build < 2.0, build
    assert per_query < 0.02, per_query
    hits = idx.search("gjjtq")
    assert hits and all("公积金提取" in m.name.zh for m in hits)
    assert idx.search("m1234") == [] and idx.search("1234")[0].code == "m1234"


def test_a_group_name_finds_its_matters() -> None:
    cat = Catalog.parse(demo_catalog())
    idx = SearchIndex(cat.matters, groups=cat.groups)
    real_estate = {m.code for m in cat.in_group("real_estate")}
    assert len(real_estate) > 1
    assert real_estate <= {m.code for m in idx.search("bdcdj")}  # 不动产登记, the group
    assert real_estate <= {m.code for m in idx.search("不动产")}
    hits = [m.code for m in idx.search("bdcdj")]
    assert len(hits) == len(set(hits))  # a matter found twice is listed once


def test_pinyin_candidates_from_the_catalog() -> None:
    cat = Catalog.parse(demo_catalog())
    idx = SearchIndex(cat.matters, groups=cat.groups)
    assert idx.candidates("hu")[0] == "户"  # a whole syllable, most frequent in the catalog
    assert "户" in idx.candidates("h") and "公" in idx.candidates("gong")
    assert idx.candidates("户") == () and idx.candidates("") == ()
    assert set(idx.candidates("gong")) <= {ch for m in cat.matters for ch in m.name.zh} | \
        {ch for g in cat.groups for ch in g.name.zh}
