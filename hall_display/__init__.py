"""The hall's big screen: current call, recent calls, queues, clock, and the voice that calls.

`controller` holds the state (no Kivy, no MQTT); `announcer` queues speech behind a
`Speaker`; `app` binds the Kivy screen; `main` wires them.
"""
