"""What every Kivy app of the hall shares: the Chinese font, kiosk-mode settings, the bus-to-UI bridge.

Import `hallui.kivy_env.configure(...)` before anything from kivy, so settings apply.
"""
