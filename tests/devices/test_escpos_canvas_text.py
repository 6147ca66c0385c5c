"""The virtual printer draws printer text whole: descenders (g j p q y) stay on the slip."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from devices.escpos_canvas import EscposCanvas, _font


def _ink_rows(img: Image.Image) -> tuple[int, int]:
    inv = Image.eval(img.convert("L"), lambda v: 255 - v)
    box = inv.getbbox()
    assert box is not None, "nothing drawn"
    return box[1], box[3]


@pytest.mark.parametrize("size", [0x00, 0x11])  # normal, and double width and height (GS ! n)
def test_descenders_are_not_cut(size: int) -> None:
    canvas = EscposCanvas(576, lambda _b: None, lambda _img: None)
    canvas.feed(b"\x1d!" + bytes([size]) + b"Hgjpqy registration\n")
    part = canvas.parts[-1]
    top, bottom = _ink_rows(part)
    assert top > 0 and bottom < part.height, (top, bottom, part.height)  # inside the line, not at its edge
    scale = 1 + (size & 0x0F)
    alone = Image.new("1", (800, 200), 1)  # the same text drawn with all the room it wants
    ImageDraw.Draw(alone).text((10, 100), "Hgjpqy registration", font=_font(24 * scale), fill=0, anchor="ls")
    a_top, a_bottom = _ink_rows(alone)
    assert bottom - top == a_bottom - a_top  # every row of ink is there
