"""The window LED sign's serial protocol (ours; see docs/devices.md): which bytes.

    frame = STX(02) | ADDR | CMD | TEXT | ETX(03) | XOR
    ADDR  sign address 0x01-0xFE (several signs may share one RS-485 line); 0xFF = all
    CMD   'S' show TEXT, 'C' clear (no TEXT)
    TEXT  GB2312, printable only; every byte is >= 0x20, so the first ETX after CMD ends it
    XOR   over ADDR through ETX
    reply ACK(06) ADDR on success, NAK(15) ADDR on a bad frame
"""

from __future__ import annotations

from devices.errors import ProtocolError

STX, ETX, ACK, NAK = 0x02, 0x03, 0x06, 0x15
SHOW, CLEAR = ord("S"), ord("C")
BROADCAST = 0xFF
MAX_TEXT = 64  # bytes: a two-line sign of 16 GB2312 characters per line, with room


def xor(data: bytes) -> int:
    out = 0
    for b in data:
        out ^= b
    return out


def encode_text(text: str) -> bytes:
    clean = "".join(ch for ch in text if ch.isprintable())
    raw = clean.encode("gb2312", errors="replace")
    if len(raw) > MAX_TEXT:
        raise ValueError(f"sign text longer than {MAX_TEXT} bytes")
    return raw


def frame(addr: int, cmd: int, text: bytes = b"") -> bytes:
    body = bytes([addr, cmd]) + text + bytes([ETX])
    return bytes([STX]) + body + bytes([xor(body)])


def parse(raw: bytes) -> tuple[int, int, str]:
    """(address, command, text) of one whole frame from STX to the checksum."""
    if len(raw) < 5 or raw[0] != STX or raw[-2] != ETX:
        raise ProtocolError("not a sign frame")
    if xor(raw[1:-1]) != raw[-1]:
        raise ProtocolError("sign frame checksum mismatch")
    try:
        return raw[1], raw[2], raw[3:-2].decode("gb2312")
    except UnicodeDecodeError:
        raise ProtocolError("sign text is not GB2312") from None
