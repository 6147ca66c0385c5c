"""The pure domain core of hallq: tickets, windows, the calling policy.

Imports only the standard library and the bus contract's error codes; no MQTT,
SQL, Kivy or device library. It decides; the adapters do the I/O.
"""
