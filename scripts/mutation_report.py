"""Write docs/quality.md from mutmut's results (`make mutation`).

mutmut 3 keeps one `mutants/<file>.meta` (JSON) per mutated file: the exit code of the test run
against each mutant, and a hash of each function it mutated. A mutant that no test can kill
because it behaves exactly as the original (an equivalent mutant) is listed, with its reason, in
scripts/mutation_equivalents.toml together with the hash of its function when it was judged: if
the function has changed since, the judgement is stale and the mutant counts as a survivor again.

`scripts/mutation_report.py --equivalent NAME "reason"` records one (after `mutmut show NAME`).

Score per file = killed / (generated - equivalent); a timeout counts as killed (the tests noticed).
"""

from __future__ import annotations

import json
import math
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.toml"
PAGE = ROOT / "docs" / "quality.md"
TARGET = 90.0

KILLED = {1, 3, 36, 24, -24, 152, 255}  # failed tests, pytest internal error, timeouts
SURVIVED = {0}
NO_TESTS = {5, 33}


@dataclass
class FileScore:
    path: str
    generated: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: list[str] = field(default_factory=list)
    no_tests: list[str] = field(default_factory=list)
    unchecked: int = 0

    @property
    def score(self) -> float | None:
        judged = self.generated - self.equivalent
        # rounded down, so that 100% means every mutant
        return math.floor(1000.0 * self.killed / judged) / 10 if judged else None


def function_of(mutant: str) -> str:
    return mutant.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0]


def load_equivalents() -> dict[str, dict[str, str]]:
    data = tomllib.loads(EQUIVALENTS.read_text("utf-8")) if EQUIVALENTS.exists() else {}
    return dict(data.get("equivalent", {}))


def collect(equivalents: dict[str, dict[str, str]]) -> tuple[list[FileScore], list[str], list[tuple[str, str]]]:
    scores, stale, used = [], [], []
    for meta_path in sorted((MUTANTS / "hallcore").glob("*.py.meta")):
        meta = json.loads(meta_path.read_text("utf-8"))
        hashes: dict[str, str] = meta.get("hash_by_function_name", {})
        fs = FileScore("hallcore/" + meta_path.name.removesuffix(".meta"))
        for name, code in sorted(meta["exit_code_by_key"].items()):
            fs.generated += 1
            eq = equivalents.get(name)
            if code in KILLED:
                fs.killed += 1
            elif eq is not None and eq.get("function_hash") == hashes.get(function_of(name)):
                fs.equivalent += 1
                used.append((name, eq["reason"]))
            elif eq is not None:
                stale.append(name)
                fs.survivors.append(name)
            elif code is None:
                fs.unchecked += 1
                fs.survivors.append(name)
            elif code in NO_TESTS:
                fs.no_tests.append(name)
            else:
                fs.survivors.append(name)
        if fs.generated:
            scores.append(fs)
    return scores, stale, used


def render(scores: list[FileScore], stale: list[str], used: list[tuple[str, str]]) -> str:
    total = FileScore("all of hallcore/")
    for fs in scores:
        total.generated += fs.generated
        total.killed += fs.killed
        total.equivalent += fs.equivalent
        total.survivors += fs.survivors
        total.no_tests += fs.no_tests
        total.unchecked += fs.unchecked
    out = [
        "# Quality: mutation score of the domain core",
        "",
        "`make mutation` runs [mutmut](https://github.com/boxed/mutmut) (pinned in the `mutation` extra; config in",
        "`pyproject.toml`, `[tool.mutmut]`) over `hallcore/` against its in-process tests (`tests/core`,",
        "`tests/simulator` without the tests that start a broker or replay whole simulated days,",
        "`tests/devices/test_citizen.py`), then `scripts/mutation_report.py` writes this page.",
        "A mutant is one small change to the code (`<` for `<=`, `-` for `+`, a string changed, an argument",
        "dropped); it is *killed* when some test fails. *Equivalent* mutants behave exactly as the original",
        "and cannot be killed; each is listed below with the reason (kept in",
        "`scripts/mutation_equivalents.toml`). Score = killed ÷ (generated − equivalent); target ≥ "
        f"{TARGET:.0f}% in every file.",
        "",
        "| file | generated | killed | equivalent | survived | no tests | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for fs in [*scores, total]:
        score = "–" if fs.score is None else f"{fs.score:.1f}%"
        name = f"**{fs.path}**" if fs is total else f"`{fs.path}`"
        out.append(f"| {name} | {fs.generated} | {fs.killed} | {fs.equivalent} | {len(fs.survivors)} "
                   f"| {len(fs.no_tests)} | {score} |")
    if total.unchecked:
        out += ["", f"{total.unchecked} mutants were not run (an interrupted run); they count as survivors."]
    out += ["", "## Equivalent mutants", ""]
    if used:
        out += [f"- `{name}`: {reason}" for name, reason in used]
    else:
        out.append("None.")
    left = [*total.survivors, *total.no_tests]
    out += ["", "## Mutants that survive", ""]
    if left:
        out += ["Not equivalent and not killed: each is a test still to write (`mutmut show NAME`).", ""]
        out += [f"- `{name}`" + (" (judged equivalent for an older version of its function)" if name in stale
                                 else " (no test runs it)" if name in total.no_tests else "") for name in left]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def judge(name: str, reason: str) -> None:
    """Record `name` as equivalent, with the hash its function has now."""
    meta_path = MUTANTS / (name.rsplit(".", 1)[0].replace(".", "/") + ".py.meta")
    meta = json.loads(meta_path.read_text("utf-8"))
    if name not in meta["exit_code_by_key"]:
        raise SystemExit(f"no mutant {name}")
    fn_hash = meta["hash_by_function_name"][function_of(name)]
    with EQUIVALENTS.open("a", encoding="utf-8") as f:
        f.write(f'\n[equivalent."{name}"]\nfunction_hash = "{fn_hash}"\nreason = {json.dumps(reason, ensure_ascii=False)}\n')


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--equivalent":
        judge(sys.argv[2], sys.argv[3])
        return 0
    if not MUTANTS.is_dir():
        print("no mutants/ folder: run `mutmut run` first", file=sys.stderr)
        return 2
    scores, stale, used = collect(load_equivalents())
    PAGE.write_text(render(scores, stale, used), "utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    below = [fs for fs in scores if fs.score is not None and fs.score < TARGET]
    for fs in scores:
        print(f"  {fs.path:24} {fs.killed:4}/{fs.generated - fs.equivalent:<4} "
              f"{'–' if fs.score is None else f'{fs.score:.1f}%'}")
    return 1 if below and "--check" in sys.argv else 0


if __name__ == "__main__":
    raise SystemExit(main())
