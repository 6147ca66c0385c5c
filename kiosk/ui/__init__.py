"""Kivy widgets of the kiosk: one .kv per screen, thin classes that copy a KioskView in."""
