"""The five apps take the same flags for the same things."""

from __future__ import annotations

import importlib

import pytest

APPS = {"kiosk.main": ["--printer", "jsonl:/dev/null"], "hall_display.main": [],
        "window_console.main": ["--device", "win-01"], "evaluator.main": ["--device", "e", "--window", "w"],
        "manager_console.main": []}
COMMON = ["--hall", "demo", "--broker", "mqtt://127.0.0.1:1", "--size", "800x600", "--screenshot-dir", "shots",
          "--log-level", "DEBUG", "--fullscreen"]


@pytest.mark.parametrize("module", APPS)
def test_every_app_takes_the_common_flags(module: str) -> None:
    args = importlib.import_module(module).parse_args([*APPS[module], *COMMON, "--device", "dev-9"])
    assert (args.broker, args.size, str(args.screenshot_dir), args.log_level, args.fullscreen, args.device) == (
        "mqtt://127.0.0.1:1", (800, 600), "shots", "DEBUG", True, "dev-9")
    assert "demo" in (getattr(args, "hall", None), getattr(args, "hall_id", None))
