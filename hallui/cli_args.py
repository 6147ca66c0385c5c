"""Command-line pieces every hall app shares (no Kivy import: parsed before Kivy starts)."""

from __future__ import annotations


def parse_size(text: str) -> tuple[int, int]:
    """`1920x1080` -> (1920, 1080)."""
    w, _, h = text.lower().partition("x")
    return int(w), int(h)
