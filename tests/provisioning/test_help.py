"""Every `hallq provision` command's --help ends with an example, and every example parses."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from provisioning import cli_examples
from provisioning.main import _parser, main
from queue_server.main import parse_args as server_args

ROOT = Path(__file__).resolve().parents[2]
PROGS = [p.prog for p in cli_examples.parsers(_parser())]


def test_the_tree_is_what_the_docs_list() -> None:
    assert set(PROGS) == set(cli_examples.EXAMPLES)
    assert {"hallq provision tls renew", "hallq provision catalog import", "hallq provision appointment issue",
            "hallq provision device rotate"} <= set(PROGS)


@pytest.mark.parametrize("prog", PROGS)
def test_help_shows_an_example_that_parses(prog: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*prog.split()[2:], "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    example = out.split("\nexample:\n", 1)[1]
    commands = [shlex.split(ln) for ln in example.splitlines() if ln.startswith("  hallq ")]
    assert commands, out
    for argv in commands:
        if argv[1] == "provision":
            _parser().parse_args(argv[2:])  # exits (and fails the test) on an option that is not there
        else:
            assert argv[1] == "server"
            server_args(argv[2:])


def test_help_as_a_process() -> None:
    done = subprocess.run([sys.executable, "-m", "hallq", "provision", "tls", "renew", "--help"], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "example:\n  hallq provision tls renew --dir" in done.stdout
    assert "--lifetime-s" not in done.stdout  # the tests' option stays hidden
