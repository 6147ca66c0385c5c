"""QR decoding for camera frames: zxing-cpp in stages, pyzbar (the product's named decoder) as fallback.

Measured on 1280x720 frames (bench/bench_decode.py, docs/benchmarks/decode.md). zxing-cpp with
its defaults spends most of a frame's time on passes that cannot help a kiosk: `try_invert`
runs the whole search a second time for light-on-dark codes, which doubles the cost of every
frame without a code, and `try_rotate` only matters for 1D barcodes. So the pipeline is:

1. the frame halved (area-averaged: it also smooths noise and motion blur), one dark-on-light
   pass; most frames with a code end here, in a fraction of a millisecond, when every symbol
   zxing located there was read (one it located but could not read sends the frame on);
2. one dark-on-light pass over the full frame (with zxing's own downscaled pyramid only when
   something was located at half size), asking for the symbols located but not decoded;
3. for each such symbol only, its region is cut out and retried cleaned up: a light blur (a
   phone screen's moire, sensor noise), an upscale (a small, far code), contrast stretched
   (low light), then pyzbar on the crop; a few ms on a small crop instead of a whole frame
   (and, if all of those fail, the whole frame smoothed once);
4. when nothing at all was located, one light-on-dark pass at half size (a phone page in dark
   mode), a fraction of the cost of zxing's full-size invert pass.

Known limit of step 1: a frame with one code readable at half size and a second one too small
to be located there gives the first only; the second is read when the first leaves the view.

pyzbar alone is used when zxing-cpp is not installed, or when asked for; `zxing-plain` is the
single default zxing-cpp call this replaced, kept as the benchmark's baseline.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

Decoder = Callable[[Any], list[str]]  # grey uint8 numpy image -> decoded texts

ROI_MARGIN = 1.0  # of the located symbol's size, on each side: zxing may locate only part of a damaged code
HALF = (640, 360)  # the first and the light-on-dark passes' frame size (a 1280x720 frame halved)


def to_gray(image: Any) -> Any:
    """A numpy image (grey, BGR or BGRA) as grey uint8."""
    import cv2

    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def pyzbar_decoder() -> Decoder:
    from pyzbar.pyzbar import ZBarSymbol, decode

    def run(gray: Any) -> list[str]:
        return [_text(sym.data) for sym in decode(gray, symbols=[ZBarSymbol.QRCODE])]

    return run


def zxing_plain_decoder() -> Decoder:
    """zxing-cpp with its defaults: every pass on the full frame (the baseline)."""
    import zxingcpp

    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def run(gray: Any) -> list[str]:
        return [r.text for r in zxingcpp.read_barcodes(gray, formats=qr) if r.valid]

    return run


def _box(position: Any, shape: tuple[int, int]) -> tuple[int, int, int, int]:
    """The located symbol's bounding box (x0, y0, x1, y1) with a margin, inside the frame."""
    xs = [p.x for p in (position.top_left, position.top_right, position.bottom_right, position.bottom_left)]
    ys = [p.y for p in (position.top_left, position.top_right, position.bottom_right, position.bottom_left)]
    pad = int(max(max(xs) - min(xs), max(ys) - min(ys)) * ROI_MARGIN) + 8
    h, w = shape
    return max(0, min(xs) - pad), max(0, min(ys) - pad), min(w, max(xs) + pad), min(h, max(ys) + pad)


def _inside(box: tuple[int, int, int, int], boxes: list[tuple[int, int, int, int]]) -> bool:
    cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def zxing_decoder() -> Decoder:
    """The staged pipeline described in the module's docstring."""
    import cv2
    import numpy as np
    import zxingcpp

    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    try:
        zbar: Decoder | None = pyzbar_decoder()
    except ImportError:  # libzbar missing: the crops get zxing-cpp's remedies only
        zbar = None

    def read(img: Any, downscale: bool = True, invert: bool = False) -> list[Any]:
        inverted = cv2.bitwise_not(img) if invert else img  # our own invert: zxing's would add a pass
        return list(zxingcpp.read_barcodes(inverted, formats=qr, try_rotate=False, try_downscale=downscale,
                                           try_invert=False, return_errors=True))

    def remedies(crop: Any) -> list[Callable[[], Any]]:
        """Cleaned-up versions of a crop, made one at a time (most crops need only the first)."""
        grow = crop.shape[0] < 240  # a small crop is a small code: upscale it; a large one, blur more
        return [
            lambda: cv2.GaussianBlur(crop, (0, 0), 1.0),
            (lambda: cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)) if grow else
            (lambda: cv2.GaussianBlur(crop, (0, 0), 2.0)),
            lambda: cv2.normalize(crop, np.empty_like(crop), 0, 255, cv2.NORM_MINMAX),
        ]

    def retry(crop: Any) -> list[str]:
        for make in remedies(crop):
            if got := [r.text for r in read(make(), downscale=False) if r.valid]:
                return got
        return zbar(crop) if zbar is not None else []

    def whole_blurred(gray: Any) -> list[str]:
        # last resort, still only for a frame where a code was seen: a crop can cut a code that
        # zxing located only in part (a moire-striped screen); the whole frame, smoothed, does not
        return [r.text for r in read(cv2.GaussianBlur(gray, (0, 0), 1.0)) if r.valid]

    def run(gray: Any) -> list[str]:
        small = cv2.resize(gray, HALF, interpolation=cv2.INTER_AREA) if gray.shape[1] > HALF[0] else None
        seen: list[Any] = []
        if small is not None:
            seen = read(small, downscale=False)
            if seen and all(r.valid for r in seen):
                return [r.text for r in seen]  # every symbol located was read: the frame is done
        # zxing's own pyramid would read the half-size frame again: only worth it when something
        # was located there and could not be read (a blurred or striped code)
        found = read(gray, downscale=bool(seen) or small is None)
        texts = [r.text for r in found if r.valid]
        done = [_box(r.position, gray.shape) for r in found if r.valid]
        unread = False
        for r in found:
            if r.valid:
                continue
            box = _box(r.position, gray.shape)
            if _inside(box, done):
                continue  # the same symbol located twice, or one already read
            done.append(box)
            got = retry(gray[box[1]:box[3], box[0]:box[2]])
            texts += got
            unread = unread or not got
        if unread:
            texts += whole_blurred(gray)
        if not found:  # nothing located: perhaps light-on-dark, looked for at half size
            texts = [r.text for r in read(gray if small is None else small, downscale=False, invert=True) if r.valid]
        return texts

    return run


DECODERS: dict[str, Callable[[], Decoder]] = {
    "zxing": zxing_decoder, "zxing-plain": zxing_plain_decoder, "pyzbar": pyzbar_decoder}


@lru_cache(maxsize=4)
def get_decoder(name: str = "auto") -> Decoder:
    """`auto`: the zxing-cpp pipeline if zxing-cpp is importable, else pyzbar."""
    if name != "auto":
        return DECODERS[name]()
    try:
        return zxing_decoder()
    except ImportError:
        return pyzbar_decoder()


def decode_qr(image: Any, decoder: str = "auto") -> list[str]:
    """Every QR code's text in a numpy image, de-duplicated, in the decoder's order."""
    return list(dict.fromkeys(get_decoder(decoder)(to_gray(image))))
