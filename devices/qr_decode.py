"""QR decoding for camera frames: zxing-cpp first, pyzbar (the product's named decoder) as fallback.

Measured on 1280x720 frames (bench/bench_decode.py, docs/benchmarks/decode.md): zxing-cpp
restricted to QR reads the same corpus as pyzbar restricted to QR at a fraction of the time,
so it is the default; pyzbar is used when zxing-cpp is not installed, or when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

Decoder = Callable[[Any], list[str]]  # grey uint8 numpy image -> decoded texts


def to_gray(image: Any) -> Any:
    """A numpy image (grey, BGR or BGRA) as grey uint8."""
    import cv2

    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY)


def pyzbar_decoder() -> Decoder:
    from pyzbar.pyzbar import ZBarSymbol, decode

    def run(gray: Any) -> list[str]:
        out = []
        for sym in decode(gray, symbols=[ZBarSymbol.QRCODE]):
            try:
                out.append(sym.data.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(sym.data.decode("latin-1"))
        return out

    return run


def zxing_decoder() -> Decoder:
    import zxingcpp

    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def run(gray: Any) -> list[str]:
        return [r.text for r in zxingcpp.read_barcodes(gray, formats=qr) if r.valid]

    return run


DECODERS: dict[str, Callable[[], Decoder]] = {"zxing": zxing_decoder, "pyzbar": pyzbar_decoder}


@lru_cache(maxsize=4)
def get_decoder(name: str = "auto") -> Decoder:
    """`auto`: zxing-cpp if importable, else pyzbar."""
    if name != "auto":
        return DECODERS[name]()
    try:
        return zxing_decoder()
    except ImportError:
        return pyzbar_decoder()


def decode_qr(image: Any, decoder: str = "auto") -> list[str]:
    """Every QR code's text in a numpy image, de-duplicated, in the decoder's order."""
    return list(dict.fromkeys(get_decoder(decoder)(to_gray(image))))
