"""Search over the catalog by Chinese name, English words and pinyin initials.

Initials come from pypinyin's single-character table alone (about 10 MB, 0.2 s to load
once), not its phrase dictionaries (about 55 MB): a polyphonic character gives every
initial it can have (银行: "yh" and "yx"), so a citizen's guess matches either way.
Each query is a linear scan over prepared lowercase strings: about a millisecond for
2,000 matters.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.model import Matter

Initials = Callable[[str], tuple[str, ...]]
MAX_VARIANTS = 8


@functools.lru_cache(maxsize=1)
def _initials_table() -> dict[int, str]:
    """Code point -> its possible pinyin initials, most common first (from pypinyin's data file)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise RuntimeError("pypinyin is not installed")
    raw = json.loads((Path(spec.origin).parent / "pinyin_dict.json").read_text("utf-8"))
    table = {}
    for cp, readings in raw.items():
        letters = ""
        for r in readings.split(","):
            c = unicodedata.normalize("NFD", r.strip())[:1].lower()
            if c.isascii() and c.isalpha() and c not in letters:
                letters += c
        if letters:
            table[int(cp)] = letters
    return table


def initials_variants(text: str) -> tuple[str, ...]:
    """Initials of `text` (letters and digits kept), every polyphone's reading up to MAX_VARIANTS."""
    table = _initials_table()
    variants = [""]
    for ch in text.lower():
        options = table.get(ord(ch)) or (ch if ch.isascii() and ch.isalnum() else "")
        if not options:
            continue
        grown = [v + o for v in variants for o in options]
        variants = grown[:MAX_VARIANTS] if len(grown) > MAX_VARIANTS else grown
    return tuple(variants)


def pinyin_initials(text: str) -> str:
    """The most common reading's initials."""
    return initials_variants(text)[0]


@dataclass(frozen=True, slots=True)
class _Entry:
    matter: Matter
    zh: str
    en: str
    words: tuple[str, ...]
    initials: tuple[str, ...]


def _rank(e: _Entry, q: str) -> int | None:
    """Lower is better; None when the entry does not match."""
    if any(i.startswith(q) for i in e.initials):
        return 0
    if e.zh.startswith(q) or any(w.startswith(q) for w in e.words):
        return 1
    if any(q in i for i in e.initials):
        return 2
    if q in e.zh or q in e.en:
        return 3
    return None


class SearchIndex:
    def __init__(self, matters: Iterable[Matter], initials: Initials = initials_variants) -> None:
        self.entries = tuple(
            _Entry(m, m.name.zh.lower(), m.name.en.lower(), tuple(re.split(r"[^0-9a-z]+", m.name.en.lower())),
                   initials(m.name.zh))
            for m in matters)

    def search(self, query: str, limit: int = 200) -> list[Matter]:
        q = "".join(query.lower().split())
        if not q:
            return []
        hits: list[tuple[int, int, Matter]] = []
        for i, e in enumerate(self.entries):
            r = _rank(e, q)
            if r is None and " " in query.strip():
                r = 3 if query.strip().lower() in e.en else None
            if r is not None:
                hits.append((r, i, e.matter))
        hits.sort(key=lambda h: (h[0], h[1]))
        return [m for _, _, m in hits[:limit]]
