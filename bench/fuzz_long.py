"""The long fuzz run: >= 100,000 generated inputs through every request handler and byte parser.

    .venv/bin/python -m bench.fuzz_long [--inputs 100000] [--atheris-runs 200000] [--no-nasty]

Phase 1 (hypothesis): batches of requests through QueueService.handle_batch, checked as in
tests/fuzz (answers, hall invariants, restart from the store equals memory), then the device
parsers. Phase 2 (atheris, where it installs): coverage-guided bytes into the same targets, in a
child process since libFuzzer exits when done. Findings are counted by kind, not stopped at;
`--nasty` (the default) mixes in inputs known to break the server today (docs/faults.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FINDINGS: Counter[str] = Counter()
SAMPLES: dict[str, str] = {}
COUNTS: Counter[str] = Counter()


def finding(kind: str, sample: Any) -> None:
    FINDINGS[kind] += 1
    SAMPLES.setdefault(kind, repr(sample)[:300])


def kind_of(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    return f"{type(exc).__name__} at {where}: {str(exc).splitlines()[0][:90] if str(exc) else ''}"


def hypothesis_handlers(target: int, nasty: bool) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from tests.fuzz import service_run
    from tests.fuzz.strategies import batch

    waits = st.sampled_from([0, 1, 30, 600, 20_000])

    @settings(max_examples=500, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.booleans(), st.lists(st.tuples(waits, batch(service_run.T0, nasty)), min_size=1, max_size=6))
    def run(warm: bool, batches: list[tuple[int, list[tuple[str, bytes]]]]) -> None:
        COUNTS["handlers"] += sum(len(items) for _, items in batches)
        try:
            service_run.run(batches, warm)
        except Exception as exc:  # noqa: BLE001 - counted, not stopped at
            finding(f"handlers: {kind_of(exc)}", batches)

    while COUNTS["handlers"] < target:
        run()


def hypothesis_parsers(target: int) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from tests.fuzz.targets import PARSERS

    @settings(max_examples=2000, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(sorted(PARSERS)), st.binary(max_size=1500))
    def run(name: str, data: bytes) -> None:
        COUNTS[f"parser {name}"] += 1
        problem = PARSERS[name](data)
        if problem:
            finding(f"parser {name}: {problem}", data)

    while sum(v for k, v in COUNTS.items() if k.startswith("parser")) < target:
        run()


def atheris_phase(runs: int, nasty: bool) -> dict[str, Any] | None:
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: coverage-guided phase skipped (pip install atheris)")
        return None
    out = Path(tempfile.mkdtemp(prefix="hallq-fuzz-")) / "atheris.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALLQ_ATHERIS_OUT": str(out), "HALLQ_NASTY": str(int(nasty))}
    subprocess.run([sys.executable, "-m", "tests.fuzz.targets", f"-runs={runs}", "-max_len=4096",
                    "-print_final_stats=1"], cwd=ROOT, env=env, capture_output=True, timeout=3600)
    return json.loads(out.read_text()) if out.exists() else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.fuzz_long")
    p.add_argument("--inputs", type=int, default=100_000, help="requests through handle_batch (phase 1)")
    p.add_argument("--parser-inputs", type=int, default=50_000)
    p.add_argument("--atheris-runs", type=int, default=200_000)
    p.add_argument("--no-nasty", dest="nasty", action="store_false")
    args = p.parse_args(argv)
    import logging

    logging.disable(logging.CRITICAL)
    t0 = time.monotonic()
    hypothesis_handlers(args.inputs, args.nasty)
    hypothesis_parsers(args.parser_inputs)
    phase1 = time.monotonic() - t0
    ath = atheris_phase(args.atheris_runs, args.nasty) if args.atheris_runs else None
    print(f"hypothesis: {sum(COUNTS.values())} inputs in {phase1:.0f}s")
    for name, n in sorted(COUNTS.items()):
        print(f"  {name:<28}{n:>9}")
    if ath:
        print(f"atheris: {ath['inputs']} inputs in {ath['seconds']:.0f}s")
        for name, n in sorted(ath["counts"].items()):
            print(f"  {name:<28}{n:>9}")
    findings = Counter(FINDINGS) + Counter(ath["findings"] if ath else {})
    samples = {**(ath["samples"] if ath else {}), **SAMPLES}
    print(f"findings: {sum(findings.values())} in {len(findings)} kinds")
    for kind, n in findings.most_common():
        print(f"  {n:>7}  {kind}\n           e.g. {samples.get(kind, '')[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
