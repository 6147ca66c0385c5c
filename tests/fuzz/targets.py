"""Byte-level fuzz targets, shared by bench/fuzz_long.py and its atheris child (`python -m tests.fuzz.targets`).

Each parser target takes raw bytes and returns None when the parser kept its contract, or a
description of what went wrong (an exception it may not raise, an unbounded buffer).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any


def _only(allowed: type[BaseException] | tuple[type[BaseException], ...], fn: Callable[[], Any]) -> str | None:
    try:
        fn()
    except allowed:
        return None
    except AssertionError as exc:  # a broken check: its message names it
        return f"AssertionError: {str(exc).splitlines()[0][:80] if str(exc) else ''}"
    except Exception as exc:  # noqa: BLE001 - the finding, by kind and place
        tb = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        return f"{type(exc).__name__} at {os.path.basename(tb.filename)}:{tb.lineno}" if tb else type(exc).__name__
    return None


def ga467_frames(data: bytes) -> str | None:
    from devices.errors import ProtocolError
    from devices.idcard_protocol import MAX_LEN, FrameReader

    r = FrameReader()
    for part in (data[: len(data) // 2], data[len(data) // 2:]):
        if problem := _only(ProtocolError, lambda p=part: r.feed(p)):
            return problem
    return None if len(r.buf) <= 7 + MAX_LEN else f"buffer grew to {len(r.buf)}"


def ga467_base_info(data: bytes) -> str | None:
    from devices.errors import ProtocolError
    from devices.idcard_protocol import parse_base_info

    return _only(ProtocolError, lambda: parse_base_info(data))


def scanner_lines(data: bytes) -> str | None:
    from devices.serial_scanner import LineFramer

    f = LineFramer(b"\r\n", 64)
    for i in range(0, len(data), 7):
        if problem := _only((), lambda i=i: f.feed(data[i:i + 7])):
            return problem
    return None if len(f.buf) <= 64 else f"buffer grew to {len(f.buf)}"


def printer_status(data: bytes) -> str | None:
    from devices.printer_status import decode_status

    return _only((), lambda: decode_status(data[:1], data[1:2], data[2:3]))


def device_url(data: bytes) -> str | None:
    from devices.errors import InvalidURL
    from devices.urls import parse_url, serial_params, terminator

    url = data.decode("utf-8", "replace")
    for fn in (parse_url, serial_params, terminator):
        if problem := _only(InvalidURL, lambda fn=fn: fn(url)):
            return f"{fn.__name__}: {problem}"
    return None


def envelope(data: bytes) -> str | None:
    from hallbus.envelope import BadEnvelope, parse_request

    return _only(BadEnvelope, lambda: parse_request(data))


PARSERS: dict[str, Callable[[bytes], str | None]] = {
    "ga467 frames": ga467_frames, "ga467 base info": ga467_base_info, "scanner lines": scanner_lines,
    "printer status": printer_status, "device url": device_url, "envelope": envelope}


class HandlerTarget:
    """Structured requests from fuzzer bytes into one service, renewed every `span` inputs."""

    def __init__(self, nasty: bool, span: int = 300) -> None:
        self.nasty, self.span, self.n = nasty, span, 0
        self.svc: Any = None
        self.seen: dict[tuple[str, str], bytes] = {}

    def request(self, fdp: Any) -> tuple[str, bytes]:
        from hallbus.envelope import encode_request
        from hallbus.schemas import OPS
        from tests.fuzz import strategies as S

        device = fdp.PickValueInList(S.DEVICES)
        if fdp.ConsumeIntInRange(0, 9) == 0:
            return device, fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 2000))
        op = fdp.PickValueInList(sorted(OPS))
        pools = {"matter": S.MATTERS, "ticket": S.NUMBERS, "number": S.NUMBERS, "window": S.WINDOWS,
                 "to_window": S.WINDOWS, "to_group": S.GROUPS, "priority": ["none", "elderly", "x"]}
        args: dict[str, Any] = {}
        for arg in OPS[op].args:
            pick = fdp.ConsumeIntInRange(0, 5)
            if pick == 0:
                continue
            if arg.kind == "int":
                args[arg.name] = fdp.ConsumeIntInRange(-2, 7)
            elif arg.kind == "list[str]":
                args[arg.name] = [fdp.PickValueInList(S.GROUPS) for _ in range(fdp.ConsumeIntInRange(0, 3))]
            elif arg.kind == "object":
                args[arg.name] = {"key": fdp.ConsumeUnicodeNoSurrogates(20), "name_masked": fdp.ConsumeUnicode(6)}
            elif pick < 5 and arg.name in pools:
                args[arg.name] = fdp.PickValueInList(pools[arg.name])
            else:
                args[arg.name] = fdp.ConsumeUnicode(12) if self.nasty else fdp.ConsumeUnicodeNoSurrogates(12)
        rid = fdp.PickValueInList(["a", "b", "c", "d"])
        try:
            return device, encode_request(rid, op, args)
        except UnicodeEncodeError:
            return device, json.dumps({"v": 1, "id": rid, "op": op, "args": args}).encode()

    def __call__(self, fdp: Any) -> str | None:
        from tests.fuzz import checks, service_run

        if self.svc is None or self.n % self.span == 0:
            if self.svc is not None and (problem := _only((), lambda: checks.check_restart(self.svc))):
                self.svc = None
                return f"restart: {problem}"
            self.svc, self.seen = service_run.new_service(), {}
        self.n += 1
        items = [self.request(fdp) for _ in range(fdp.ConsumeIntInRange(1, 4))]
        self.svc.clock.advance(fdp.PickValueInList([0, 1, 60]))

        def one() -> None:
            checks.check_answers(items, self.svc.handle_batch(items), self.seen)
            checks.check_hall(self.svc.hall)

        problem = _only((), one)
        if problem:
            self.svc = None  # a broken service says nothing about the next input
        return problem


def atheris_main() -> None:
    import atheris

    with atheris.instrument_imports():
        import devices.idcard_protocol  # noqa: F401
        import devices.serial_scanner  # noqa: F401
        import hallbus.envelope  # noqa: F401
        import queue_server.service  # noqa: F401
    import logging

    logging.disable(logging.CRITICAL)
    out, t0 = os.environ.get("HALLQ_ATHERIS_OUT", "fuzz_atheris.json"), time.monotonic()
    counts: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    samples: dict[str, str] = {}
    handlers = HandlerTarget(os.environ.get("HALLQ_NASTY", "1") == "1")
    names = sorted(PARSERS)

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        pick = fdp.ConsumeIntInRange(0, len(names))
        name = "handlers" if pick == len(names) else f"parser {names[pick]}"
        counts[name] += 1
        problem = handlers(fdp) if pick == len(names) else PARSERS[names[pick]](fdp.ConsumeBytes(4096))
        if problem:
            findings[f"{name}: {problem}"] += 1
            samples.setdefault(f"{name}: {problem}", repr(data[:200]))
        if sum(counts.values()) % 500 == 0:
            with open(out, "w") as fh:
                json.dump({"inputs": sum(counts.values()), "seconds": time.monotonic() - t0, "counts": counts,
                           "findings": findings, "samples": samples}, fh)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    atheris_main()
