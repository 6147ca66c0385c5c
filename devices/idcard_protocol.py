"""The wire of second-generation resident ID card readers (GA 467 serial framing): which bytes.

    frame    = AA AA AA 96 69 | LEN (2, big-endian) | body | XOR
    LEN      counts the bytes after itself: body + the checksum byte
    XOR      over the two LEN bytes and the body
    command  body = CMD PARA [data]     find 20 01, select 20 02, read base info 30 01
    response body = SW1 SW2 SW3 [data]  00 00 90 ok, 9F found, 80 no card, 81 select failed,
                                        41 read failed, 10 checksum error

Base info data: text length (2), photo length (2), 256 bytes of UCS-2LE text, 1024 bytes photo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.errors import ProtocolError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
FIND, SELECT, READ_BASE = b"\x20\x01", b"\x20\x02", b"\x30\x01"
OK, FOUND, NO_CARD, SELECT_FAILED, READ_FAILED, BAD_CHECKSUM = 0x90, 0x9F, 0x80, 0x81, 0x41, 0x10
MAX_LEN = 4096  # base info is 1288; anything far bigger is a corrupt length field
TEXT_FIELDS = (("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
               ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16))
TEXT_LEN, PHOTO_LEN = 256, 1024


def xor(data: bytes) -> int:
    out = 0
    for b in data:
        out ^= b
    return out


def frame(body: bytes) -> bytes:
    head = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor(head + body)])


def command(cmd: bytes, data: bytes = b"") -> bytes:
    return frame(cmd + data)


def response(sw3: int, data: bytes = b"") -> bytes:
    return frame(bytes([0, 0, sw3]) + data)


class FrameReader:
    """Cuts frames out of a byte stream; skips noise before a preamble, rejects bad checksums."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        """The bodies of the complete frames now in the buffer; raises ProtocolError on a bad one."""
        self.buf += data
        bodies: list[bytes] = []
        while True:
            start = self.buf.find(PREAMBLE)
            if start < 0:
                del self.buf[: max(0, len(self.buf) - len(PREAMBLE) + 1)]  # keep a split preamble
                return bodies
            del self.buf[:start]
            if len(self.buf) < 7:
                return bodies
            length = int.from_bytes(self.buf[5:7], "big")
            if not 2 <= length <= MAX_LEN:
                del self.buf[:1]
                raise ProtocolError(f"impossible frame length {length}")
            if len(self.buf) < 7 + length:
                return bodies
            raw = bytes(self.buf[5:7 + length])
            del self.buf[:7 + length]
            if xor(raw[:-1]) != raw[-1]:
                raise ProtocolError("frame checksum mismatch")
            bodies.append(raw[2:-1])


@dataclass(frozen=True, repr=False)
class IdCardRecord:
    """The card's text, as read. Never logged, kept or repr'd: hand on only a CitizenIdentity."""

    name: str = field(repr=False)
    sex: str = field(repr=False)
    nation: str = field(repr=False)
    birth: str = field(repr=False)
    address: str = field(repr=False)
    id_number: str = field(repr=False)
    authority: str = field(repr=False)
    valid_from: str = field(repr=False)
    valid_to: str = field(repr=False)

    def __repr__(self) -> str:
        return "IdCardRecord(<redacted>)"


def encode_text(values: dict[str, str]) -> bytes:
    out = b""
    for name, size in TEXT_FIELDS:
        raw = values[name].encode("utf-16-le")[:size]
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    return out + " ".encode("utf-16-le") * ((TEXT_LEN - len(out)) // 2)


def encode_base_info(values: dict[str, str], photo: bytes = b"") -> bytes:
    text, photo = encode_text(values), photo.ljust(PHOTO_LEN, b"\0")[:PHOTO_LEN]
    return TEXT_LEN.to_bytes(2, "big") + PHOTO_LEN.to_bytes(2, "big") + text + photo


def parse_base_info(data: bytes) -> IdCardRecord:
    if len(data) < 4:
        raise ProtocolError("base info too short")
    text_len = int.from_bytes(data[:2], "big")
    text = data[4:4 + text_len]
    if text_len < sum(size for _, size in TEXT_FIELDS) or len(text) < text_len:
        raise ProtocolError("base info text truncated")
    values, at = {}, 0
    for name, size in TEXT_FIELDS:
        try:
            values[name] = text[at:at + size].decode("utf-16-le").strip()
        except UnicodeDecodeError:
            raise ProtocolError(f"base info field {name} is not UCS-2") from None
        at += size
    return IdCardRecord(**values)
