"""A seeded corpus of 1280x720 camera-like frames, with and without a ticket QR code.

Each sample is (kind, grey image, expected text or None). Kinds cover what a kiosk camera
sees: a clean code, sensor noise, motion blur, rotation, perspective, low contrast, glare,
a small (far) code, and frames with no code at all (some with code-like clutter).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

W, H = 1280, 720
KINDS = ("clean", "noise", "blur", "rotation", "perspective", "low_contrast", "glare", "small", "none")


@dataclass(frozen=True)
class Sample:
    kind: str
    image: np.ndarray
    expected: str | None


def _qr(text: str, module: int) -> np.ndarray:
    import qrcode

    code = qrcode.QRCode(box_size=module, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    return np.array(code.make_image().get_image().convert("L"), dtype=np.uint8)


def _background(rng: np.random.Generator) -> np.ndarray:
    import cv2

    base = rng.integers(60, 200)
    img = np.full((H, W), base, np.uint8)
    for _ in range(rng.integers(3, 9)):  # furniture, a sleeve, a phone's edge
        x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
        cv2.rectangle(img, (x, y), (x + int(rng.integers(40, 400)), y + int(rng.integers(40, 300))),
                      int(rng.integers(0, 255)), -1)
    return cv2.GaussianBlur(img, (0, 0), 3)


def _warp(code: np.ndarray, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The code warped by a 3x3 `matrix` onto a canvas that holds it whole, and its mask."""
    import cv2

    h, w = code.shape
    corners = cv2.perspectiveTransform(np.array([[[0, 0], [w, 0], [w, h], [0, h]]], dtype=np.float32), matrix)[0]
    lo = corners.min(axis=0)
    size = tuple(int(v) + 1 for v in corners.max(axis=0) - lo)
    m = np.array([[1, 0, -lo[0]], [0, 1, -lo[1]], [0, 0, 1]], dtype=np.float32) @ matrix
    patch = cv2.warpPerspective(code, m, size, borderValue=255)
    mask = cv2.warpPerspective(np.full_like(code, 255), m, size, borderValue=0)
    return patch, mask


def _place(img: np.ndarray, patch: np.ndarray, rng: np.random.Generator, mask: np.ndarray | None = None) -> None:
    h, w = patch.shape
    x, y = int(rng.integers(10, W - w - 10)), int(rng.integers(10, H - h - 10))
    region = img[y:y + h, x:x + w]
    keep = np.ones_like(patch, bool) if mask is None else mask > 128
    region[keep] = patch[keep]


def sample(kind: str, text: str, rng: np.random.Generator) -> Sample:
    import cv2

    img = _background(rng)
    module = int(rng.integers(6, 10)) if kind != "small" else int(rng.integers(2, 4))
    code = _qr(text, module)
    h, w = code.shape
    if kind == "rotation":
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(10, 80)), 1.0)
        patch, mask = _warp(code, np.vstack([turn, [0, 0, 1]]))
        _place(img, patch, rng, mask)
    elif kind == "perspective":
        d = [float(rng.uniform(0.05, 0.18)) * w for _ in range(4)]
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
        dst = np.array([[d[0], 0], [w - d[1], d[2]], [w, h], [0, h - d[3]]], dtype=np.float32)
        patch, mask = _warp(code, cv2.getPerspectiveTransform(src, dst))
        _place(img, patch, rng, mask)
    elif kind != "none":
        _place(img, code, rng)
    if kind == "noise":
        img = np.clip(img + rng.normal(0, 25, img.shape), 0, 255).astype(np.uint8)
    elif kind == "blur":
        img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(1.0, 1.8)))
    elif kind == "low_contrast":
        lo = float(rng.uniform(90, 120))
        img = (lo + img.astype(np.float32) * float(rng.uniform(0.18, 0.28))).astype(np.uint8)
    elif kind == "glare":
        yy, xx = np.mgrid[0:H, 0:W]
        cx, cy = float(rng.uniform(0.3, 0.7)) * W, float(rng.uniform(0.3, 0.7)) * H
        glow = 110 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * 220.0**2))
        img = np.clip(img + glow, 0, 255).astype(np.uint8)
    elif kind == "none":
        for _ in range(int(rng.integers(0, 3))):  # a checkerboard of clutter, no finder patterns
            x, y, s = int(rng.integers(0, W - 200)), int(rng.integers(0, H - 200)), int(rng.integers(4, 12))
            patch = (np.indices((200 // s, 200 // s)).sum(0) % 2 * 255).astype(np.uint8)
            img[y:y + patch.shape[0] * s, x:x + patch.shape[1] * s] = np.kron(patch, np.ones((s, s), np.uint8))
    return Sample(kind, img, None if kind == "none" else text)


def corpus(per_kind: int = 10, seed: int = 1) -> Iterator[Sample]:
    rng = np.random.default_rng(seed)
    for i in range(per_kind):
        for kind in KINDS:
            yield sample(kind, f"HQT1:hall-{seed}:t-{i:04d}{kind[:2]}", rng)
