"""Hypothesis strategies: valid resident ID numbers (GB 11643), and the ways a client could hide one."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from hallcore.citizen import check_char

# ways to write a digit that a reader (or an OCR, or a careless kiosk) still reads as that digit
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
SEPARATORS = [" ", "-", ".", "\n", "\r\n", "\t", "\u3000", "\u200b", "/", "_", ",", "·", "—", "  ", "\u00a0"]
WRAPPERS = [("", ""), ("身份证号:", ""), ("ID ", "\n"), ("<", ">"), ("（", "）"), ("张三", "先生"),
            ("\n\n", "\n"), ("note: ", " thanks"), ('"', '"')]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.integers(110000, 659999))
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    seq = draw(st.integers(0, 999))
    first17 = f"{area:06d}{born:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


@st.composite
def hidden_id_numbers(draw: st.DrawFn) -> str:
    """A valid ID number spaced, re-scripted, padded and wrapped."""
    n = draw(id_numbers())
    if n.endswith("X") and draw(st.booleans()):
        n = n[:-1] + "x"
    n = n.translate(draw(st.sampled_from([{}, FULL_WIDTH, ARABIC_INDIC, DEVANAGARI])))
    out = []
    for ch in n:
        out.append(ch)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
    spaced = "".join(out)
    pad = draw(st.sampled_from(["", "0", "00000000000000", " ", "\n", "000 000"]))
    head, tail = draw(st.sampled_from(WRAPPERS))
    where = draw(st.sampled_from(["before", "after", "both"]))
    padded = (pad if where != "after" else "") + spaced + (pad if where != "before" else "")
    return head + padded + tail


cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
chinese_names = st.text(cjk, min_size=1, max_size=6)
latin_names = st.builds(lambda first, rest: first + rest, st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                        st.text("abcdefghijklmnopqrstuvwxyz -", max_size=20))
