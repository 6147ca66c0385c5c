"""Nothing outside `hallbus` imports paho, spells a `hall/...` topic, or names an error code as a
bare string: the contract lives in one package (issue: one contract). Read from the source tree
with `ast`, so comments and docstrings may still talk about topics and codes."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from hallbus.errors import ErrorCode

TREE = Path(__file__).resolve().parents[1]
# the shipped packages: every one of them but the contract itself
PACKAGES = sorted(p.parent.name for p in TREE.glob("*/__init__.py") if p.parent.name not in ("hallbus", "tests"))
TOPIC = re.compile(r"^(hall/|(req|res|event|state|presence)/)\S*$")  # a topic has no spaces; a sentence may
CODES = {c.value for c in ErrorCode}
# a `texts.py` is the table of words people read, keyed by what it names (error codes among
# other keys); the codes there are data, not branches in code
TEXT_TABLES = "texts.py"


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((TREE / package).rglob("*.py")):
            yield path, ast.parse(path.read_text("utf-8"), str(path))


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _strings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Each string literal's line and text; an f-string counts by its leading literal part."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                skip.add(id(head))
                yield node.lineno, head.value
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def test_the_tree_has_packages_to_check() -> None:
    assert {"kiosk", "queue_server", "provisioning", "simulator", "hallq"} <= set(PACKAGES)


def test_only_hallbus_imports_paho() -> None:
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(TREE)}:{node.lineno}" for n in names if n.split(".")[0] == "paho"]
    assert not found, found


def test_no_topic_is_built_by_hand() -> None:
    found = [f"{path.relative_to(TREE)}:{line}: {text!r}" for path, tree in _sources()
             for line, text in _strings(tree) if TOPIC.match(text)]
    assert not found, found


def test_no_error_code_is_a_bare_string() -> None:
    found = [f"{path.relative_to(TREE)}:{line}: {text!r}" for path, tree in _sources()
             if path.name != TEXT_TABLES for line, text in _strings(tree) if text in CODES]
    assert not found, found


def test_the_checks_see_what_they_look_for() -> None:
    # a check that cannot fail is a defect: each finds its pattern in a sample
    sample = ast.parse('import paho.mqtt\nx = f"hall/{h}/state/x"\ny = "state/#"\nz = "not_allowed"\n')
    texts = [t for _, t in _strings(sample)]
    assert [t for t in texts if TOPIC.match(t)] == ["hall/", "state/#"]
    assert [t for t in texts if t in CODES] == ["not_allowed"]
