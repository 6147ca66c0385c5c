"""Search over the catalog by Chinese name, English words and pinyin initials; a group's name
finds its matters too; typed pinyin offers the catalog's characters read that way (a candidate
bar, for a kiosk without a Chinese input method).

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

from kiosk.model import Group, Matter

Initials = Callable[[str], tuple[str, ...]]
MAX_VARIANTS = 8


@functools.lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    """pypinyin's single-character table: code point (as text) -> readings with tone marks."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise RuntimeError("pypinyin is not installed")
    raw: dict[str, str] = json.loads((Path(spec.origin).parent / "pinyin_dict.json").read_text("utf-8"))
    return raw


@functools.lru_cache(maxsize=8192)
def syllables(ch: str) -> tuple[str, ...]:
    """A character's toneless pinyin readings ("行": xing, hang, heng); () for a non-Han one."""
    out: list[str] = []
    for r in _readings().get(str(ord(ch)), "").split(","):
        s = "".join(c for c in unicodedata.normalize("NFD", r.strip()) if c.isascii()).lower().replace("u:", "v")
        if s.isalpha() and s not in out:
            out.append(s)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _initials_table() -> dict[int, str]:
    """Code point -> its possible pinyin initials, most common first (from pypinyin's data file)."""
    raw = _readings()
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


def _entry(m: Matter, initials: Initials) -> _Entry:
    return _Entry(m, m.name.zh.lower(), m.name.en.lower(), tuple(re.split(r"[^0-9a-z]+", m.name.en.lower())),
                  initials(m.name.zh))


TRAILING_PINYIN = re.compile(r"[a-z]+$")


class SearchIndex:
    def __init__(self, matters: Iterable[Matter], initials: Initials = initials_variants,
                 groups: Iterable[Group] = ()) -> None:
        self.entries = tuple(_entry(m, initials) for m in matters)
        # a group is searched like a matter; a hit brings in every matter of the group
        self.groups = tuple((_entry(Matter(g.code, g.name, g.code), initials), g.code) for g in groups)
        self._chars: dict[str, int] = {}  # catalog characters, most frequent first: the candidates
        for e in (*self.entries, *(ge for ge, _c in self.groups)):
            for ch in e.matter.name.zh:
                if not ch.isascii():
                    self._chars[ch] = self._chars.get(ch, 0) + 1

    def search(self, query: str, limit: int = 200) -> list[Matter]:
        q = "".join(query.lower().split())
        if not q:
            return []
        hits: list[tuple[int, int, int, Matter]] = []
        for i, e in enumerate(self.entries):
            r = self._rank(e, q, query)
            if r is not None:
                hits.append((r, 0, i, e.matter))
        for ge, code in self.groups:
            r = self._rank(ge, q, query)
            if r is not None:
                hits.extend((r, 1, i, e.matter) for i, e in enumerate(self.entries) if e.matter.group == code)
        hits.sort(key=lambda h: h[:3])
        out: dict[str, Matter] = {}  # a matter found by its name and by its group: once, at its best
        for *_k, m in hits:
            out.setdefault(m.code, m)
        return list(out.values())[:limit]

    @staticmethod
    def _rank(e: _Entry, q: str, query: str) -> int | None:
        r = _rank(e, q)
        if r is None and " " in query.strip():
            r = 3 if query.strip().lower() in e.en else None
        return r

    def candidates(self, query: str, limit: int = 10) -> tuple[str, ...]:
        """Catalog characters read as the pinyin the query ends with ("hu" → 户 护 …), most
        frequent in the catalog first; a whole syllable before a mere prefix of one."""
        m = TRAILING_PINYIN.search(query.lower())
        if m is None:
            return ()
        typed = m.group()
        scored = []
        for ch, n in self._chars.items():
            readings = syllables(ch)
            if typed in readings:
                scored.append((0, -n, ch))
            elif any(r.startswith(typed) for r in readings):
                scored.append((1, -n, ch))
        scored.sort()
        return tuple(ch for *_k, ch in scored[:limit])
