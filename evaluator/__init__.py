"""The citizen rating screen (好差评) beside a window: asks for one rating per finished visit.

`controller` decides (no Kivy, no MQTT, injected clock); `bus_link` and `keypad` move
messages and key presses in and out; `app` binds the Kivy screens; `main` wires them.
"""
