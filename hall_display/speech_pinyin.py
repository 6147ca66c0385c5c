"""Mandarin for espeak-ng as pinyin with tone numbers, for its `cmn-latn-pinyin` voice.

espeak-ng 1.51's `cmn` dictionary lacks most characters and reads them as English
("请" became "king three", "号" "hao four"); the same sentence as numbered pinyin gives
Mandarin phonemes for every syllable. Numbers are said as Chinese words first (12: 十二),
and Latin letters (the ticket's group letter) pass through: the pinyin voice says them
with Mandarin letter names.
"""

from __future__ import annotations

import re
from typing import Any

ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """0..9999 as it is said: 5 五, 12 十二, 20 二十, 105 一百零五."""
    if not 0 <= n <= 9999:
        return " ".join(ZH_DIGITS[int(d)] for d in str(n))
    if n < 10:
        return ZH_DIGITS[n]
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (value == 10 and d == 1 and not out) else ZH_DIGITS[d]) + unit
    return out


def to_pinyin(text: str) -> str:
    """"请 A 零 二 三 号到 5 号窗口办理" → "qing3 A ling2 er4 san1 hao4 dao4 wu3 hao4 …"."""
    from pypinyin import Style, lazy_pinyin  # the phrase tables load on first use, not at import

    said = re.sub(r"\d+", lambda m: zh_number(int(m.group())), text)
    # pypinyin takes a list from `errors` (one item per kept character); its stubs say str only
    keep: Any = lambda chunk: [c for c in chunk if c.isalnum()]  # noqa: E731
    syllables = lazy_pinyin(said, style=Style.TONE3, neutral_tone_with_five=True, errors=keep)
    return " ".join(s.upper() if s.isascii() and len(s) == 1 and s.isalpha() else s
                    for s in syllables if s.strip())
