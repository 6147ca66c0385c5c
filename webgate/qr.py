"""The page's own QR code (a kiosk scans it to check a ticket in), as an SVG data URI: no script, no file."""

from __future__ import annotations

import base64
import io
from functools import lru_cache


@lru_cache(maxsize=4096)
def svg_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
