"""Runs the real kiosk app (kiosk.main.build) and taps through it with Kivy's own touch events.

Usage: python -m tests.kiosk.ui_driver OUT.json STEPS.json -- KIOSK ARGS...
STEPS is a list of [kind, arg, expect]: kind "tap" (a KButton's `action`), "xtap" (the same
through X with xdotool), "xtype" (text typed on X's keyboard), "xkey" (one X key name), "file" (create/remove a path: "+PATH"/"-PATH"), "wait" (only expect).
`expect` is a dict of KioskView fields to wait for. OUT gets what happened.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _find(root: Any, action: str) -> Any:
    from kiosk.ui.widgets import KButton

    for w in root.walk(restrict=False):
        if isinstance(w, KButton) and w.action == action and w.get_root_window() is not None \
                and not w.disabled and w.opacity > 0:
            return w
    raise LookupError(f"no button {action!r} on screen")


def _matches(view: Any, expect: dict[str, Any]) -> bool:
    for k, v in expect.items():
        got = getattr(view, k)
        if k == "ticket":
            got = got is not None
        elif k == "items":
            got = [m.code for m in got]
            if v not in got:
                return False
            continue
        if got != v:
            return False
    return True


def drive(app: Any, steps: list[list[Any]], out: Path) -> None:
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.tests.common import UnitTestTouch

    log: list[dict[str, Any]] = []
    tickets: dict[str, str] = {}
    state = {"i": 0, "deadline": 0.0, "acted": False}

    def finish(ok: bool, why: str = "") -> None:
        out.write_text(json.dumps({"ok": ok, "why": why, "log": log, "tickets": tickets}, ensure_ascii=False))
        Clock.schedule_once(lambda _dt: app.stop(), 0.6)  # let the last screenshot land

    def step(_dt: float) -> None:
        if state["i"] >= len(steps):
            finish(True)
            return
        kind, arg, expect = steps[state["i"]]
        if not state["acted"]:
            try:
                if kind in ("tap", "xtap"):
                    w = _find(app.view_root, arg)
                    x, y = w.to_window(*w.center)
                    if kind == "xtap":
                        subprocess.run(["xdotool", "mousemove", str(int(x)), str(int(Window.height - y)), "click", "1"],
                                       check=True)
                    else:
                        t = UnitTestTouch(x, y)
                        t.touch_down()
                        t.touch_up()
                elif kind == "xtype":
                    subprocess.run(["xdotool", "type", "--delay", "60", arg], check=True)
                elif kind == "xkey":
                    subprocess.run(["xdotool", "key", arg], check=True)
                elif kind == "file":
                    p = Path(arg[1:])
                    p.touch() if arg[0] == "+" else p.unlink()
            except Exception as exc:  # noqa: BLE001 - reported as the driver's failure
                finish(False, f"step {state['i']} {kind} {arg}: {exc!r}")
                return
            state["acted"], state["deadline"] = True, time.monotonic() + 10
        if _matches(app.ctrl.view, expect):
            v = app.ctrl.view
            log.append({"step": state["i"], "kind": kind, "arg": arg, "screen": v.screen})
            if v.ticket is not None:
                tickets[v.ticket.id] = v.ticket.number
            state["i"] += 1
            state["acted"] = False
            state["deadline"] = time.monotonic() + 10
            Clock.schedule_once(pictured, 0.05)
        elif time.monotonic() > state["deadline"]:
            finish(False, f"step {state['i']} {kind} {arg}: view {app.ctrl.view.screen} never matched {expect}")
        else:
            Clock.schedule_once(step, 0.05)

    def pictured(_dt: float) -> None:
        """Next step once this screen's picture is taken, so a quick tap cannot replace it."""
        if app.shots is None or not app.shots.pending or time.monotonic() > state["deadline"]:
            Clock.schedule_once(step, 0.05)
        else:
            Clock.schedule_once(pictured, 0.05)

    app.first_frame = lambda: Clock.schedule_once(step, 0.5)


def main() -> int:
    sep = sys.argv.index("--")
    out, steps = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
    from kiosk.main import build, parse_args

    app = build(parse_args(sys.argv[sep + 1:]))
    drive(app, steps, out)
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
