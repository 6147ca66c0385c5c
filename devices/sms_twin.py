"""The SMS gateway's twin: the same HTTP JSON API on a real socket, recording every message.

    POST /send   Authorization: Bearer <key>   {"id", "to", "text"}  -> 200 {"ok": true, "duplicate": bool}
    GET  /messages                             -> {"messages": [...delivered...], "posts": n}

A message id seen before is a resend: answered 200 and not delivered again (what real gateways
do with a client message id). Each delivered message is also appended to a JSON-lines file.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MAX_BODY = 16 * 1024


class SmsTwin:
    def __init__(self, key: str, out: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.key, self.out = key, out
        self.messages: list[dict[str, Any]] = []
        self.posts = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="sms-twin", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/send"

    def start(self) -> SmsTwin:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def take(self, body: dict[str, Any]) -> bool:
        """Record one post; True when it was delivered (its id is new)."""
        with self.lock:
            self.posts += 1
            if any(m["id"] == body["id"] for m in self.messages):
                return False
            self.messages.append(body)
            if self.out is not None:
                with self.out.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(body, ensure_ascii=False) + "\n")
            return True

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        twin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # no numbers in logs
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path != "/messages":
                    self._answer(404, {"error": "not_found"})
                    return
                with twin.lock:
                    self._answer(200, {"messages": list(twin.messages), "posts": twin.posts})

            def do_POST(self) -> None:
                if self.path != "/send":
                    self._answer(404, {"error": "not_found"})
                    return
                if self.headers.get("authorization") != f"Bearer {twin.key}":
                    self._answer(401, {"error": "bad_key"})
                    return
                length = int(self.headers.get("content-length") or 0)
                if not 0 < length <= MAX_BODY:
                    self._answer(413, {"error": "too_large"})
                    return
                try:
                    body = json.loads(self.rfile.read(length))
                    ok = all(isinstance(body.get(k), str) and body[k] for k in ("id", "to", "text"))
                except (ValueError, AttributeError):
                    ok = False
                if not ok:
                    self._answer(400, {"error": "invalid message"})
                    return
                delivered = twin.take({k: body[k] for k in ("id", "to", "text")})
                self._answer(200, {"ok": True, "duplicate": not delivered})

        return Handler
