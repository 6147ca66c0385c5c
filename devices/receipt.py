"""The ticket slip: a `Receipt` value and the pure function that turns it into ESC/POS bytes.

"Which bytes" only: python-escpos's `Dummy` records the commands, nothing travels here.
Chinese goes out as raster images drawn with Pillow in a Simplified-Chinese face, because
python-escpos 3.1 would send raw GB18030 without switching the printer into Chinese mode.
ASCII goes out as printer text, and the QR code is the printer's own (GS ( k) so it stays sharp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from devices.profiles import PrinterProfile

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_FACE_SC = 2  # face 0 of the .ttc is JP: its glyph shapes differ from mainland forms
PRIVACY_ZH = "本票不含个人信息，扫码仅可查询排队状态。"
PRIVACY_EN = "No personal data on this slip."
REFERENCE_PREFIX = "HQT1"


@dataclass(frozen=True)
class Receipt:
    hall_zh: str
    hall_en: str
    number: str  # e.g. "A017"
    matter_zh: str
    matter_en: str
    ahead: int
    wait_min: int
    issued_at: datetime
    reference: str  # ASCII payload of the QR code, see ticket_reference()


def ticket_reference(hall_id: str, ticket_id: str) -> str:
    """The QR payload for status look-up: `HQT1:<hall>:<ticket id>`, ASCII only."""
    ref = f"{REFERENCE_PREFIX}:{hall_id}:{ticket_id}"
    if not ref.isascii() or not ref.isprintable():
        raise ValueError("ticket reference must be printable ASCII")
    return ref


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(CJK_FONT, size, index=CJK_FACE_SC)


def text_image(text: str, width: int, size: int) -> Image.Image:
    """One centred line (wrapped if too wide) as a 1-bit image exactly `width` dots wide."""
    font = _font(size)
    lines, line = [], ""
    for ch in text:  # CJK wraps between any two characters
        if line and font.getlength(line + ch) > width - 8:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    step = int(size * 1.3)
    img = Image.new("1", (width, step * len(lines) + 4), 1)
    draw = ImageDraw.Draw(img)
    for i, part in enumerate(lines):
        x = (width - font.getlength(part)) / 2
        draw.text((x, 2 + i * step), part, font=font, fill=0)
    return img


def wait_lines(ahead: int, wait_min: int) -> tuple[str, str]:
    """The slip's wait in both languages: "1 person", and "you are next" rather than "0 ahead"."""
    if ahead <= 0:
        return "您是下一位，请留意叫号", "You are next: watch for your number"
    people = "1 person" if ahead == 1 else f"{ahead} people"
    return f"前面还有 {ahead} 人，预计等候约 {wait_min} 分钟", f"{people} ahead, about {wait_min} min wait"


def render_receipt(receipt: Receipt, profile: PrinterProfile) -> bytes:
    """The whole slip as ESC/POS bytes for `profile`'s paper width; no I/O."""
    from escpos.printer import Dummy  # imported here: no escpos work at import time

    if not (receipt.reference.isascii() and receipt.reference.isprintable()):
        raise ValueError("ticket reference must be printable ASCII")  # scanners read QR bytes as Latin-1
    w = profile.width_dots
    p = Dummy(profile=profile.escpos_profile)
    p.hw("INIT")

    def line(text: str, size: int = 24) -> None:
        if text.isascii():
            p.set(align="center", normal_textsize=True, bold=False)
            p.text(text + "\n")
        else:
            p.image(text_image(text, w, size))

    line(receipt.hall_zh, 36)
    line(receipt.hall_en)
    p.set(align="center", bold=True, custom_size=True, width=4, height=4)
    p.text(receipt.number + "\n")
    line(receipt.matter_zh, 32)
    line(receipt.matter_en)
    zh, en = wait_lines(receipt.ahead, receipt.wait_min)
    line(zh, 26)
    line(en)
    line(receipt.issued_at.strftime("%Y-%m-%d %H:%M"))
    p.set(align="center", normal_textsize=True)
    p.qr(receipt.reference, native=True, size=profile.qr_module, ec=1)  # ec 1 = M: survives a smudge
    line(receipt.reference)
    line(PRIVACY_ZH, 20)
    line(PRIVACY_EN)
    p.cut()
    return bytes(p.output)
