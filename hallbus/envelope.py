"""Request and response envelopes: parse strictly, build canonically.

The request id is the idempotency key, so a request whose envelope is broken
but whose id can be read still gets an answer (`bad_request`) to that id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hallbus import PROTOCOL_VERSION
from hallbus.errors import BAD_REQUEST, HallError

MAX_ID_LEN = 128
MAX_PAYLOAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class Request:
    id: str
    op: str
    args: dict[str, Any]


class BadEnvelope(HallError):
    """A payload that is not a valid request; `request_id` is set when one could be read."""

    def __init__(self, message: str, request_id: str | None) -> None:
        super().__init__(BAD_REQUEST, message)
        self.request_id = request_id


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: valid JSON, not valid Unicode
        return False
    return True


def _usable_id(obj: object) -> str | None:
    if isinstance(obj, dict):
        rid = obj.get("id")
        if isinstance(rid, str) and 0 < len(rid) <= MAX_ID_LEN and _encodes(rid):
            return rid
    return None


def parse_request(payload: bytes) -> Request:
    if len(payload) > MAX_PAYLOAD:
        raise BadEnvelope(f"payload of {len(payload)} bytes exceeds {MAX_PAYLOAD}", None)
    try:
        obj = json.loads(payload)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadEnvelope(f"payload is not UTF-8 JSON: {exc}", None) from exc
    except RecursionError:
        raise BadEnvelope("payload is nested too deeply", None) from None
    rid = _usable_id(obj)
    try:
        # text that cannot be stored or answered is refused here, before anything changes; a lone
        # surrogate can only come in as a \u escape (neither UTF-8 nor, unescaped, UTF-16/32 carry one;
        # those two always hold NUL bytes), so most payloads skip the check
        if b"\\u" in payload or b"\x00" in payload:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise BadEnvelope("payload holds text that is not valid Unicode", rid) from None
    if not isinstance(obj, dict):
        raise BadEnvelope("payload is not a JSON object", None)
    if rid is None:
        raise BadEnvelope(f"'id' must be a non-empty string of at most {MAX_ID_LEN} characters", None)
    if obj.get("v") != PROTOCOL_VERSION:
        raise BadEnvelope(f"'v' must be {PROTOCOL_VERSION}", rid)
    op = obj.get("op")
    if not isinstance(op, str) or not op:
        raise BadEnvelope("'op' must be a non-empty string", rid)
    args = obj.get("args", {})
    if not isinstance(args, dict):
        raise BadEnvelope("'args' must be a JSON object", rid)
    return Request(rid, op, args)


def encode_request(request_id: str, op: str, args: dict[str, Any] | None = None) -> bytes:
    body = {"v": PROTOCOL_VERSION, "id": request_id, "op": op, "args": args or {}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def ok_response(request_id: str, result: Any) -> bytes:
    body = {"v": PROTOCOL_VERSION, "id": request_id, "ok": True, "result": result}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def error_response(request_id: str, error: HallError) -> bytes:
    body = {"v": PROTOCOL_VERSION, "id": request_id, "ok": False, "error": error.to_wire()}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class Response:
    id: str
    ok: bool
    result: Any
    error_code: str | None
    error_message: str | None


def parse_response(payload: bytes) -> Response:
    obj = json.loads(payload)
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise ValueError("not a response envelope")
    if obj.get("ok") is True:
        return Response(obj["id"], True, obj.get("result"), None, None)
    err = obj.get("error")
    if not isinstance(err, dict):
        raise ValueError("error response without an error object")
    return Response(obj["id"], False, None, str(err.get("code", "")), str(err.get("message", "")))
