"""The devices' own small error hierarchy; foreign errors are mapped to it at the boundary.

    DeviceError
    ├── DeviceUnavailable      the device cannot be reached (unplugged, refused, silent)
    ├── PrintFailed            a ticket did not come out; `status` says why; reprint is safe
    ├── ProtocolError          the device answered, but not in its protocol (bad frame, checksum)
    └── InvalidURL             a device URL this package cannot open

Messages never carry citizen data (ID numbers, addresses): only device and status words.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Anything a device adapter raises."""


class DeviceUnavailable(DeviceError):
    """The device cannot be reached: unplugged, connection refused, or it stays silent."""


class PrintFailed(DeviceError):
    """The ticket did not print. The ticket itself stays valid: print the same receipt again."""

    def __init__(self, message: str, status: object) -> None:
        super().__init__(message)
        self.status = status


class ProtocolError(DeviceError):
    """The device answered with bytes its protocol does not allow (bad frame, checksum, length)."""


class InvalidURL(DeviceError, ValueError):
    """A device URL with an unknown scheme or a missing part."""
