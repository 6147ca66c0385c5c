"""A Simplified-Chinese font for Kivy and Pillow.

Debian's Noto CJK ships one .ttc whose face 0 is the Japanese design; SDL_ttf (Kivy)
opens face 0 only, so the SC face is copied out once into a cache as its own file.
"""

from __future__ import annotations

import os
from pathlib import Path

TTC_DIR = Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2  # NotoSansCJK-*.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
FONT_NAME = "HallSans"


class FontMissing(RuntimeError):
    pass


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "hallq" / "fonts"


def sc_font(weight: str = "Regular") -> Path:
    """Path of a standalone Noto Sans CJK SC file (extracted on first use)."""
    out = _cache_dir() / f"NotoSansCJKsc-{weight}.otf"
    if out.exists():
        return out
    ttc = TTC_DIR / f"NotoSansCJK-{weight}.ttc"
    if not ttc.exists():
        raise FontMissing(f"{ttc} is missing: install the Debian package fonts-noto-cjk")
    from fontTools.ttLib import TTCollection  # only on first use: a few seconds, then cached

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    TTCollection(str(ttc)).fonts[SC_FACE].save(str(tmp))
    tmp.replace(out)
    return out


def register_kivy_font() -> str:
    """Register the SC face with Kivy under FONT_NAME and make it the default; returns the name."""
    from kivy.core.text import LabelBase
    from kivy.uix.label import Label

    regular = str(sc_font("Regular"))
    bold = str(sc_font("Bold")) if (TTC_DIR / "NotoSansCJK-Bold.ttc").exists() else regular
    LabelBase.register(FONT_NAME, fn_regular=regular, fn_bold=bold)
    Label.font_name = FONT_NAME
    return FONT_NAME
