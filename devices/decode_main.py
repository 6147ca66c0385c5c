"""`hallq decode IMAGE...`: print `path<TAB>text` per QR code found, `path<TAB>` when none."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="hallq decode", description="decode QR codes in images")
    p.add_argument("images", nargs="+")
    p.add_argument("--decoder", choices=["auto", "zxing", "zxing-plain", "pyzbar"], default="auto")
    args = p.parse_args(argv)
    import cv2

    from devices.qr_decode import decode_qr

    status = 0
    for path in args.images:
        image = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        if image is None:
            print(f"hallq decode: cannot read image {path}", file=sys.stderr)
            status = 1
            continue
        texts = decode_qr(image, args.decoder)
        for text in texts or [""]:
            print(f"{path}\t{text}")
    return status
