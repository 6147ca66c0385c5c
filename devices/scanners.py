"""Scanner factory: one `Scanner` interface over serial barcode scanners and cameras."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from devices.urls import parse_url


class Scanner(Protocol):
    def start(self, on_code: Callable[[str], None], on_status: Callable[[Any], None] | None = None) -> None: ...
    def stop(self) -> None: ...


def open_scanner(url: str) -> Scanner:
    """serial:///dev/ttyACM0?baud=9600&term=cr, camera://0, file:///video.mp4 or dir:///images."""
    if parse_url(url).scheme == "serial":
        from devices.serial_scanner import SerialScanner

        return SerialScanner(url)
    return open_camera(url)


def open_camera(url: str) -> Scanner:
    """A camera scanner; a bare index ("0") means camera://0."""
    from devices.camera_scanner import CameraScanner

    return CameraScanner(url)
