"""Device URLs: one string per device in the kiosk's configuration.

    tcp://host:9100                      network printer (raw port 9100)
    serial:///dev/ttyUSB0?baud=115200     serial device; scanners also take term=cr|lf|crlf|tab
    usb://04b8:0202                      USB printer by vendor:product id (hex)
    file:///path                         printer bytes appended to a file (no status)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from devices.errors import InvalidURL

TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "tab": b"\t"}


@dataclass(frozen=True)
class DeviceURL:
    scheme: str
    host: str = ""
    port: int = 0
    path: str = ""
    query: dict[str, str] = field(default_factory=dict)

    def int_param(self, name: str, default: int) -> int:
        try:
            return int(self.query.get(name, default))
        except ValueError:
            raise InvalidURL(f"{self.scheme} URL parameter {name} must be a number") from None


def parse_url(url: str) -> DeviceURL:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InvalidURL(f"malformed device URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidURL(f"device URL without a scheme: {url!r}")
    try:
        port = parts.port or 0
    except ValueError:
        raise InvalidURL(f"bad port in {url!r}") from None
    return DeviceURL(scheme, parts.hostname or "", port, parts.path, dict(parse_qsl(parts.query)))


def serial_params(url: str, default_baud: int = 9600) -> tuple[str, int]:
    """(device path, baud) of a `serial://` URL."""
    u = parse_url(url)
    if u.scheme != "serial" or not u.path:
        raise InvalidURL(f"expected serial:///dev/..., got {url!r}")
    return u.path, u.int_param("baud", default_baud)


def terminator(url: str, default: str = "cr") -> bytes:
    name = parse_url(url).query.get("term", default).lower()
    if name not in TERMINATORS:
        raise InvalidURL(f"unknown terminator {name!r}; known: {', '.join(TERMINATORS)}")
    return TERMINATORS[name]
