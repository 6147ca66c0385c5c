"""Catalog payloads for tests: the demo hall's, and a synthetic one of any size."""

from __future__ import annotations

from typing import Any

from hallcore.hallfile import load_hall

WORDS = ["户口", "迁移", "登记", "不动产", "公积金", "提取", "企业", "开办", "证照", "领取", "社保", "医保",
         "变更", "注销", "补办", "申请", "查询", "备案", "许可", "证明"]
EN = ["household", "transfer", "registration", "real estate", "fund", "withdrawal", "enterprise", "start",
      "licence", "pickup", "social", "insurance", "change", "cancel", "reissue", "apply", "query",
      "filing", "permit", "certificate"]


def demo_catalog() -> dict[str, Any]:
    h = load_hall("demo")
    return {"hall": {"id": h.id, "name": {"zh": h.name.zh, "en": h.name.en}},
            "groups": [{"code": g.code, "name": {"zh": g.name.zh, "en": g.name.en}, "letter": g.letter}
                       for g in h.groups],
            "matters": [{"code": m.code, "name": {"zh": m.name.zh, "en": m.name.en}, "group": m.group}
                        for m in h.matters]}


def synthetic_catalog(n: int = 2000, groups: int = 5) -> dict[str, Any]:
    gs = [{"code": f"g{i}", "name": {"zh": f"类别{i}", "en": f"Group {i}"}, "letter": chr(65 + i)}
          for i in range(groups)]
    ms = []
    for i in range(n):
        a, b, c = i % 20, (i // 20) % 20, (i // 400) % 20
        ms.append({"code": f"m{i:04d}", "group": f"g{i % groups}",
                   "name": {"zh": f"{WORDS[a]}{WORDS[b]}{WORDS[c]}{i}", "en": f"{EN[a]} {EN[b]} {EN[c]} {i}"}})
    return {"hall": {"id": "synthetic", "name": {"zh": "测试大厅", "en": "Test hall"}}, "groups": gs, "matters": ms}
