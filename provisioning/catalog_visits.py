"""The catalog import's columns for visits (一件事一次办): a matter's `materials` and `pickup`, package rows.

CSV cells:
  materials  items split by `;`, each `zh|en` or `zh|en|note_zh|note_en`
             (居民身份证|Resident ID card|原件|original; 户口簿|Household register)
  pickup     yes/no, true/false, 1/0, 是/否
  matters    (a kind=package row) matter codes split by `;` or spaces, 2 to 5
JSON: `materials` is a list of {"zh", "en", "note_zh", "note_en"}, `pickup` a boolean, a package's
`matters` a list; packages go in a top-level "packages" list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hallcore.packages import MAX_MATTERS

Fail = Callable[[str, str], None]  # (field, message)
YES, NO = {"yes", "true", "1", "是", "y"}, {"no", "false", "0", "否", "n", ""}
KEYS = ("zh", "en", "note_zh", "note_en")


def materials(value: Any, fail: Fail) -> list[dict[str, str]] | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        items: list[Any] = []
        for j, part in enumerate(p.strip() for p in value.split(";")):
            if not part:
                continue
            cells = [c.strip() for c in part.split("|")]
            if len(cells) not in (2, 4):
                fail("materials", f"item {j + 1} {part!r}: write zh|en or zh|en|note_zh|note_en")
                return None
            items.append(dict(zip(KEYS, cells, strict=False)))
    elif isinstance(value, list):
        items = value
    else:
        fail("materials", f"must be text or a list, not {type(value).__name__}")
        return None
    out = []
    for j, item in enumerate(items):
        if not isinstance(item, dict):
            fail("materials", f"item {j + 1}: must be an object {{zh, en}}")
            return None
        item = {k: v for k, v in item.items() if k != "__line__"}
        bad = sorted(set(item) - set(KEYS))
        if bad or not all(isinstance(item.get(k), str) and item[k].strip() for k in ("zh", "en")):
            fail("materials", f"item {j + 1}: needs zh and en text" + (f"; unknown {', '.join(bad)}" if bad else ""))
            return None
        if ("note_zh" in item) != ("note_en" in item):
            fail("materials", f"item {j + 1}: a note needs both note_zh and note_en (Chinese first, whole)")
            return None
        out.append({k: str(v).strip() for k, v in item.items()})
    return out


def pickup(value: Any, fail: Fail) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False if text else None
    fail("pickup", f"{value!r} must be yes or no")
    return None


def package_matters(value: Any, fail: Fail) -> list[str] | None:
    codes = [c for c in re.split(r"[;\s]+", value) if c] if isinstance(value, str) else value
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        fail("matters", "must be matter codes")
        return None
    if not 2 <= len(codes) <= MAX_MATTERS:
        fail("matters", f"a package bundles 2 to {MAX_MATTERS} matters, not {len(codes)}")
        return None
    if len(set(codes)) != len(codes):
        fail("matters", "names a matter twice")
        return None
    return codes
