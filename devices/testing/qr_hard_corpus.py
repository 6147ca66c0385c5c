"""A seeded corpus of hard 1280x720 frames carrying the slip's real QR payloads, with ground truth.

`qr_corpus` holds the easy cases (a fair code near the middle); this one holds what a kiosk
camera meets on a bad day and what made a corpus built elsewhere 6x slower than ours: small
codes near an edge, blur with sensor noise, strong perspective, low and uneven light (and a
small code in either), two codes in one frame, a phone screen photographed with its pixel grid
(moire), and empty frames with code-like clutter for false reads. Payloads are the ones the
kiosk scans: the ticket URL `https://<host>/t/<ref>` (hallcore.ticket_ref) and HQA1
appointment codes (hallcore.appointments).

Frames are generated at run time (about 0.1 s each), so none are kept in git.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from devices.testing.qr_corpus import H, W, _background, _qr, _warp

HARD_KINDS = ("small_off_centre", "blur_noise", "strong_perspective", "low_light", "uneven_light",
              "two_codes", "screen_moire", "none_hard", "small_dim")
HOSTS = ("http://q.example.gov.cn", "https://hall.example.org", "http://10.0.0.5:8080")


@dataclass(frozen=True)
class HardSample:
    kind: str
    image: np.ndarray
    codes: tuple[str, ...]  # every code in the frame (two for two_codes, none for none_hard)


def payload(rng: np.random.Generator, i: int) -> str:
    """A slip URL or an appointment code, alternating, as the kiosk's scanner would read them."""
    from hallcore.appointments import issue
    from hallcore.ticket_ref import make_ref

    key = bytes(rng.integers(0, 256, 16, dtype=np.uint8))
    day = datetime(2026, 1, 5) + timedelta(days=int(rng.integers(0, 300)))
    if i % 2 == 0:
        ticket = f"{day:%Y%m%d}-{'ABCDEFGH'[int(rng.integers(0, 8))]}{int(rng.integers(1, 999)):03d}"
        return f"{HOSTS[int(rng.integers(0, len(HOSTS)))]}/t/{make_ref(key, 'hall-1', ticket)}"
    citizen = None if rng.random() < 0.3 else bytes(rng.integers(0, 256, 16, dtype=np.uint8)).hex()
    slot = day + timedelta(minutes=30 * int(rng.integers(16, 34)))
    return issue(key, "hall-1", f"m{int(rng.integers(1, 40))}", slot, citizen,
                 bytes(rng.integers(0, 256, 4, dtype=np.uint8)).hex())


def _spot(rng: np.random.Generator, h: int, w: int, edge: bool = False) -> tuple[int, int]:
    if not edge:
        return int(rng.integers(10, W - w - 10)), int(rng.integers(10, H - h - 10))
    # within 60 px of a side or a corner: where a code held low or to one side lands
    x = int(rng.choice([rng.integers(4, 60), rng.integers(W - w - 60, W - w - 4), rng.integers(4, W - w - 4)]))
    y = int(rng.choice([rng.integers(4, 60), rng.integers(H - h - 60, H - h - 4)]))
    return x, y


def _paste(img: np.ndarray, patch: np.ndarray, x: int, y: int, mask: np.ndarray | None = None) -> None:
    h, w = patch.shape
    region = img[y:y + h, x:x + w]
    keep = np.ones_like(patch, bool) if mask is None else mask > 128
    region[keep] = patch[keep]


def _perspective(code: np.ndarray, rng: np.random.Generator, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    h, w = code.shape
    d = [float(rng.uniform(lo, hi)) * w for _ in range(4)]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    if rng.random() < 0.5:  # tilted about the vertical axis: one side far, one near
        dst = np.array([[0, d[0]], [w - d[1], 0], [w - d[1], h], [0, h - d[2]]], dtype=np.float32)
    else:  # tilted back, as a slip on the counter seen from the kiosk
        dst = np.array([[d[0], 0], [w - d[1], 0], [w, h], [0, h]], dtype=np.float32)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-30, 30)), 1.0)
    m = np.vstack([turn, [0, 0, 1]]).astype(np.float32) @ cv2.getPerspectiveTransform(src, dst)
    return _warp(code, m)


def _noise(img: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    return np.clip(img + rng.normal(0, sigma, img.shape), 0, 255).astype(np.uint8)


def _screen(code: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The code shown on a phone: lit pixels with dark gaps between them, photographed off-axis.

    Each screen pixel is 3 camera-fine cells with one dark row and column; the camera samples
    that grid at a scale that is not a whole number, which is what makes the moire bands.
    """
    import cv2

    pitch = 4  # fine cells per screen pixel
    grid = np.ones((pitch, pitch), np.float32)
    grid[-1, :] = grid[:, -1] = float(rng.uniform(0.25, 0.5))  # the black matrix between pixels
    px_per_module = int(rng.integers(3, 5))
    small = cv2.resize(code, None, fx=px_per_module / 8, fy=px_per_module / 8, interpolation=cv2.INTER_AREA)
    lit = np.kron(small.astype(np.float32) / 255 * 0.85 + 0.1, grid)  # black is not black on a screen
    bright = float(rng.uniform(170, 250))
    face = np.clip(lit * bright, 0, 255).astype(np.uint8)
    face = cv2.copyMakeBorder(face, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=int(bright * 0.95))
    h, w = face.shape
    target = float(rng.uniform(260, 420))  # on-camera size: the grid pitch lands near 1-2 px
    scale = target / w
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-25, 25)), scale)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    k = float(rng.uniform(0.0, 0.12)) * w
    dst = np.array([[k, 0], [w - k * 0.3, k * 0.5], [w, h], [0, h - k * 0.5]], dtype=np.float32)
    m = np.vstack([turn, [0, 0, 1]]).astype(np.float32) @ cv2.getPerspectiveTransform(src, dst)
    patch, mask = _warp(face, m)
    return cv2.GaussianBlur(patch, (0, 0), float(rng.uniform(0.4, 0.8))), mask


def _clutter(img: np.ndarray, rng: np.random.Generator) -> None:
    """Code-like things that are not codes: a checkerboard, random module noise, a lone finder."""
    import cv2

    for _ in range(int(rng.integers(1, 4))):
        s = int(rng.integers(2, 8))
        n = int(rng.integers(15, 45))
        if rng.random() < 0.5:
            cells = (rng.random((n, n)) < 0.5).astype(np.uint8) * 255  # modules with no finders
        else:
            cells = (np.indices((n, n)).sum(0) % 2 * 255).astype(np.uint8)
        patch = np.kron(cells, np.ones((s, s), np.uint8))
        h, w = patch.shape
        if h >= H - 20 or w >= W - 20:
            continue
        x, y = _spot(rng, h, w)
        img[y:y + h, x:x + w] = patch
    if rng.random() < 0.5:  # one finder pattern alone, as a sticker or a logo might have
        s = int(rng.integers(3, 8))
        f = np.zeros((7, 7), np.uint8)
        f[1:6, 1:6] = 255
        f[2:5, 2:5] = 0
        patch = np.kron(f, np.ones((s, s), np.uint8))
        x, y = _spot(rng, *patch.shape)
        img[y:y + patch.shape[0], x:x + patch.shape[1]] = patch
    cv2.putText(img, "20261201-A0123", (int(rng.integers(0, 800)), int(rng.integers(40, 700))),
                cv2.FONT_HERSHEY_SIMPLEX, float(rng.uniform(0.8, 2.0)), int(rng.integers(0, 60)), 2)


def hard_sample(kind: str, texts: list[str], rng: np.random.Generator) -> HardSample:
    """One frame of `kind`; `texts` gives its payloads (two for two_codes, none for none_hard)."""
    import cv2

    img = _background(rng)
    expected: tuple[str, ...] = ()
    if kind == "small_off_centre":
        code = _qr(texts[0], int(rng.integers(2, 4)))
        _paste(img, code, *_spot(rng, code.shape[0], code.shape[1], edge=True))
        expected = (texts[0],)
    elif kind == "blur_noise":
        module = int(rng.integers(4, 7))
        code = _qr(texts[0], module)
        _paste(img, code, *_spot(rng, *code.shape))
        if rng.random() < 0.5:
            img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(1.2, 2.0)))
        else:  # motion blur: the hand still moving
            n = int(rng.integers(3, module + 2))  # up to a module and a bit: longer is unreadable by any
            kernel = np.zeros((n, n), np.float32)
            kernel[n // 2, :] = 1 / n
            turn = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), float(rng.uniform(0, 180)), 1.0)
            turned = cv2.warpAffine(kernel, turn, (n, n))
            img = cv2.filter2D(img, -1, turned / turned.sum())
        img = _noise(img, rng, float(rng.uniform(10, 20)))
        expected = (texts[0],)
    elif kind == "strong_perspective":
        code = _qr(texts[0], int(rng.integers(5, 8)))
        patch, mask = _perspective(code, rng, 0.15, 0.25)
        _paste(img, patch, *_spot(rng, *patch.shape), mask)
        expected = (texts[0],)
    elif kind in ("low_light", "uneven_light", "small_dim"):
        small = kind == "small_dim"  # a far code in a dim or shadowed corner: a binarizer trap
        code = _qr(texts[0], int(rng.integers(2, 4)) if small else int(rng.integers(4, 8)))
        _paste(img, code, *_spot(rng, code.shape[0], code.shape[1], edge=small))
        dim = rng.random() < 0.5 if small else kind == "low_light"
        f = img.astype(np.float32)
        if dim:  # a dim hall: the whole frame in the bottom tenth (fifth for a small code), gain noise
            f = f * (float(rng.uniform(0.15, 0.3)) if small else float(rng.uniform(0.08, 0.16)))
            f += float(rng.uniform(2, 8)) + rng.normal(0, float(rng.uniform(1.5, 3.0)), f.shape)
        else:  # a window on one side, a shadow on the other, across the code
            yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
            angle = float(rng.uniform(0, 2 * np.pi))
            ramp = (np.cos(angle) * xx / W + np.sin(angle) * yy / H)
            ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
            f = f * (0.12 + 0.9 * ramp) + rng.normal(0, 3.0, f.shape)
        img = np.clip(f, 0, 255).astype(np.uint8)
        expected = (texts[0],)
    elif kind == "two_codes":
        a, b = (_qr(t, int(rng.integers(4, 7))) for t in texts[:2])
        ya = int(rng.integers(10, H - a.shape[0] - 10))
        yb = int(rng.integers(10, H - b.shape[0] - 10))
        xa = int(rng.integers(10, W // 2 - a.shape[1] - 5))
        xb = int(rng.integers(W // 2 + 5, W - b.shape[1] - 10))
        _paste(img, a, xa, ya)
        _paste(img, b, xb, yb)
        img = _noise(img, rng, 6)
        expected = tuple(texts[:2])
    elif kind == "screen_moire":
        img = (img * 0.5).astype(np.uint8)  # the phone is the brightest thing in view
        patch, mask = _screen(_qr(texts[0], 8), rng)
        _paste(img, patch, *_spot(rng, *patch.shape), mask)
        img = _noise(img, rng, 4)
        expected = (texts[0],)
    elif kind == "none_hard":
        _clutter(img, rng)
        img = _noise(img, rng, float(rng.uniform(3, 15)))
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return HardSample(kind, img, expected)


def hard_corpus(per_kind: int = 10, seed: int = 1) -> Iterator[HardSample]:
    rng = np.random.default_rng(seed)
    n = 0
    for _ in range(per_kind):
        for kind in HARD_KINDS:
            texts = [payload(rng, n), payload(rng, n + 1)]
            n += 1
            yield hard_sample(kind, texts, rng)
