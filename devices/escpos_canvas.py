"""The virtual printer's head: parses an ESC/POS byte stream and draws each slip with Pillow.

Handles what a kiosk sends: ESC @, text with alignment, bold and size, GS v 0 raster images,
GS ( k QR store/print (drawn with the qrcode library from the stored data), GS V cut, and the
real-time queries DLE EOT n / GS r n, answered through `answer`. Unknown commands with known
lengths are skipped; a command split across reads waits for the rest of its bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from devices.receipt import CJK_FACE_SC, CJK_FONT

ESC, GS, DLE = 0x1B, 0x1D, 0x10
ESC_ARGS = {ord(c): 1 for c in "aE-!MtdJ3GV{rR= "} | {ord("c"): 2, ord("p"): 3}  # argument bytes
GS_ARGS = {ord(c): 1 for c in "BbHhwfaI"} | {ord("L"): 2, ord("W"): 2, ord("P"): 2}
CHAR_W, LINE_H = 12, 30  # font A: 12 x 24 dots plus line spacing


@lru_cache(maxsize=16)
def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(CJK_FONT, px, index=CJK_FACE_SC)


@lru_cache(maxsize=16)
def _descent(px: int) -> int:
    """How far the font's descenders reach below the baseline, in dots."""
    return int(_font(px).getbbox("gjpqy", anchor="ls")[3]) + 1


class EscposCanvas:
    def __init__(self, width: int, answer: Callable[[bytes], bytes | None],
                 on_cut: Callable[[Image.Image], None]) -> None:
        self.width, self.answer, self.on_cut = width, answer, on_cut
        self.buf = bytearray()
        self.parts: list[Image.Image] = []
        self.line = bytearray()
        self._reset()

    def _reset(self) -> None:
        self.align, self.bold, self.size = 0, False, (1, 1)
        self.qr_data, self.qr_module, self.qr_ec = b"", 3, 1

    def feed(self, data: bytes) -> bytes:
        """Consume bytes; return the answers to any status queries among them."""
        self.buf += data
        out = bytearray()
        while self.buf:
            used = self._step(out)
            if used == 0:
                break  # an incomplete command: wait for more bytes
            del self.buf[:used]
        return bytes(out)

    def _step(self, out: bytearray) -> int:
        b, buf, n = self.buf[0], self.buf, len(self.buf)
        if b == ESC:
            if n < 2:
                return 0
            args = ESC_ARGS.get(buf[1], 0)
            if n < 2 + args:
                return 0
            self._esc(buf[1], bytes(buf[2:2 + args]))
            return 2 + args
        if b == GS:
            return self._gs(out) if n >= 2 else 0
        if b == DLE:
            if n < 3:
                return 0
            if buf[1] == 0x04:
                out += self.answer(bytes(buf[2:3])) or b""
            return 3
        if b == 0x0A:
            self._flush_line()
        elif b >= 0x20:
            self.line.append(b)
        return 1

    def _esc(self, cmd: int, arg: bytes) -> None:
        if cmd == ord("@"):
            self._flush_line(blank=False)
            self._reset()
        elif cmd == ord("a"):
            self.align = arg[0] % 48
        elif cmd == ord("E"):
            self.bold = bool(arg[0] & 1)
        elif cmd == ord("!"):
            self.bold = bool(arg[0] & 0x08)
            self.size = (2 if arg[0] & 0x20 else 1, 2 if arg[0] & 0x10 else 1)
        elif cmd == ord("d"):
            self._flush_line(blank=False)
            self.parts.append(Image.new("1", (self.width, LINE_H * arg[0]), 1))

    def _gs(self, out: bytearray) -> int:
        buf, n, cmd = self.buf, len(self.buf), self.buf[1]
        if cmd == ord("!"):
            if n < 3:
                return 0
            self.size = ((buf[2] >> 4) + 1, (buf[2] & 0x0F) + 1)
            return 3
        if cmd == ord("V"):
            if n < 3:
                return 0
            used = 4 if buf[2] in (65, 66, 97, 98, 103, 104) else 3
            if n < used:
                return 0
            self._cut()
            return used
        if cmd == ord("r"):
            if n < 3:
                return 0
            out += self.answer(b"\x04" if buf[2] in (1, 49) else bytes(buf[2:3])) or b""
            return 3
        if cmd == ord("v"):
            if n < 8:
                return 0
            wb, h = buf[4] + 256 * buf[5], buf[6] + 256 * buf[7]
            if n < 8 + wb * h:
                return 0
            self._raster(bytes(buf[8:8 + wb * h]), wb, h)
            return 8 + wb * h
        if cmd == ord("("):
            if n < 5:
                return 0
            size = buf[3] + 256 * buf[4]
            if n < 5 + size:
                return 0
            if buf[2] == ord("k"):
                self._qr(bytes(buf[5:5 + size]))
            return 5 + size
        args = GS_ARGS.get(cmd, 0)
        return 2 + args if n >= 2 + args else 0

    def _place(self, img: Image.Image) -> None:
        self._flush_line(blank=False)
        row = Image.new("1", (self.width, img.height), 1)
        x = {0: 0, 1: (self.width - img.width) // 2, 2: self.width - img.width}.get(self.align, 0)
        row.paste(img, (max(0, x), 0))
        self.parts.append(row)

    def _raster(self, data: bytes, wb: int, h: int) -> None:
        # GS v 0 bits: 1 = black dot; Pillow's "1" mode: 0 = black
        img = Image.frombytes("1", (wb * 8, h), bytes(255 - v for v in data))
        self._place(img.crop((0, 0, min(wb * 8, self.width), h)))

    def _qr(self, payload: bytes) -> None:
        if len(payload) < 3 or payload[0] != ord("1"):
            return  # only QR (cn = '1')
        fn = payload[1]
        if fn == 67:
            self.qr_module = max(1, payload[2])
        elif fn == 69:
            self.qr_ec = payload[2] - 48
        elif fn == 80:
            self.qr_data = payload[3:]
        elif fn == 81 and self.qr_data:
            import qrcode

            levels = [qrcode.constants.ERROR_CORRECT_L, qrcode.constants.ERROR_CORRECT_M,
                      qrcode.constants.ERROR_CORRECT_Q, qrcode.constants.ERROR_CORRECT_H]
            code = qrcode.QRCode(box_size=self.qr_module, border=4, error_correction=levels[self.qr_ec % 4])
            code.add_data(self.qr_data)
            self._place(code.make_image().get_image().convert("1"))

    def _flush_line(self, blank: bool = True) -> None:
        if not self.line and not blank:
            return
        text, self.line = self.line.decode("latin-1"), bytearray()
        w, h = self.size
        per_line = max(1, self.width // (CHAR_W * w))
        for start in range(0, max(1, len(text)), per_line):
            chunk = text[start:start + per_line]
            font = _font(24 * h)
            img = Image.new("1", (int(font.getlength(chunk)) + 2, LINE_H * h), 1)
            # on the baseline, with the descenders' room below it: drawn from the top, Noto's tall
            # ascent pushed g, j, p, q, y past the line and the slip lost their tails
            baseline = img.height - _descent(24 * h) - h
            ImageDraw.Draw(img).text((0, baseline), chunk, font=font, fill=0, stroke_width=int(self.bold),
                                     anchor="ls")
            if w != h:  # ESC/POS sizes scale width and height independently
                img = img.resize((max(1, img.width * w // h), img.height))
            self._place(img.crop((0, 0, min(img.width, self.width), img.height)))

    def _cut(self) -> None:
        self._flush_line(blank=False)
        if self.parts:
            page = Image.new("1", (self.width, sum(p.height for p in self.parts) + 40), 1)
            y = 20
            for part in self.parts:
                page.paste(part, (0, y))
                y += part.height
            self.on_cut(page)
        self.parts = []
