"""A real X server for Kivy screens in tests: the same one the headless demo uses."""

from hallui.xvfb import Xvfb

__all__ = ["Xvfb"]
