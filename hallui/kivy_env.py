"""Kivy settings for a hall screen, applied before Kivy's window exists.

Kiosk mode: fullscreen, no cursor, no multitouch emulation, no exit on Escape, and one
input provider (several providers reading one touch device give double touches).
"""

from __future__ import annotations

import os


def configure(title: str, size: tuple[int, int] = (1280, 720), fullscreen: bool = False,
              kiosk: bool = False) -> None:
    os.environ.setdefault("KIVY_NO_ARGS", "1")  # our argparse owns the command line
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0" if kiosk else "1")
    Config.set("kivy", "window_icon", "")
    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    Config.set("graphics", "fullscreen", "auto" if fullscreen else "0")
    Config.set("graphics", "show_cursor", "0" if kiosk else "1")
    Config.set("graphics", "resizable", "0" if kiosk else "1")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    for provider in [k for k, _ in Config.items("input") if k != "mouse"]:
        Config.remove_option("input", provider)  # one provider: no double touches
    os.environ.setdefault("SDL_VIDEO_X11_WMCLASS", title)
