"""A virtual ESC/POS printer on TCP: the twin of a network ticket printer on port 9100.

It answers the real-time status queries with real status bytes and writes one PNG per cut
slip. Tests start it on a thread and flip it to paper-out, cover-open or silent, or stop it
and start it again on the same port (a printer switched off and on).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import socketserver
import threading
from pathlib import Path

from PIL import Image

from devices.escpos_canvas import EscposCanvas
from devices.printer_status import PrinterStatus, encode_status

log = logging.getLogger(__name__)


class PrinterEmulator:
    def __init__(self, out_dir: Path, port: int = 0, host: str = "127.0.0.1", width: int = 576,
                 status: PrinterStatus = PrinterStatus.OK, silent: bool = False) -> None:
        self.out_dir, self.host, self.port, self.width = Path(out_dir), host, port, width
        self.state, self.silent = status, silent
        self.receipts: list[Path] = []
        self._cond = threading.Condition()
        self._server: socketserver.ThreadingTCPServer | None = None
        self._conns: set[socket.socket] = set()

    # -- the switches a test flips --------------------------------------------------------
    def set_status(self, status: PrinterStatus) -> None:
        self.state = status

    def set_silent(self, silent: bool) -> None:
        self.silent = silent

    # -- life -----------------------------------------------------------------------------
    def start(self) -> PrinterEmulator:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        emulator = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                emulator._serve(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        server = socketserver.ThreadingTCPServer((self.host, self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]  # keep the port: a restart comes back on it
        self._server = server
        threading.Thread(target=server.serve_forever, name="printer-emulator", daemon=True).start()
        return self

    def stop(self) -> None:
        """Switch the printer off: stop listening and drop every open connection."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    @property
    def url(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def wait_for_receipts(self, count: int, timeout: float = 5.0) -> list[Path]:
        with self._cond:
            self._cond.wait_for(lambda: len(self.receipts) >= count, timeout)
            return list(self.receipts)

    # -- one connection -------------------------------------------------------------------
    def _answer(self, query: bytes) -> bytes | None:
        if self.silent:
            return None
        byte = encode_status(self.state).get(query)
        return None if byte is None else bytes([byte])

    def _cut(self, page: Image.Image) -> None:
        if not self.state.can_print:
            log.info("slip lost: printer is %s", self.state)
            return
        with self._cond:
            path = self.out_dir / f"receipt-{len(self.receipts) + 1:04d}.png"
            page.save(path)
            self.receipts.append(path)
            self._cond.notify_all()
        log.info("printed %s", path)

    def _serve(self, conn: socket.socket) -> None:
        self._conns.add(conn)
        canvas = EscposCanvas(self.width, self._answer, self._cut)
        try:
            while data := conn.recv(65536):
                answer = canvas.feed(data)
                if answer:
                    conn.sendall(answer)
        except OSError as exc:
            log.debug("printer connection ended: %s", exc)
        finally:
            self._conns.discard(conn)
