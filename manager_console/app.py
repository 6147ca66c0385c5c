"""The manager console's Kivy app: binds the screens and shortcuts to the controller, renders
the report's plot off the UI thread."""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window

from hallui.shell import HallApp
from manager_console.model import ManagerView
from manager_console.report_plots import render
from manager_console.screens import ManagerRoot, load_kv

log = logging.getLogger(__name__)

F1 = 282
KEYS: dict[tuple[int, bool], str] = {(F1, False): "map", (F1 + 1, False): "report", (F1 + 2, False): "ratings",
                                     (F1 + 4, False): "reload", (F1 + 5, False): "predict",
                                     (F1 + 6, False): "assign", (ord("e"), True): "export"}


def summary(view: ManagerView, screen: str, plot: str) -> dict[str, Any]:
    return {"version": view.version, "screen": screen, "online": view.online and view.server_online,
            "windows": {w.id: [w.status, w.ticket, list(w.groups)] for w in view.windows},
            "late": [g.code for g in view.groups if g.level == "late"],
            "no_window": [g.code for g in view.groups if g.level == "no_window"],
            "preview": view.preview.state if view.preview else None,
            "report": view.report.get("date") if view.report else None, "plot": bool(plot),
            "evaluations": len(view.evaluations), "busy": view.busy,
            "alerts": [a.get("code") for a in view.alerts],
            "notice": [view.notice.kind, view.notice.code] if view.notice else None}


class ManagerApp(HallApp):
    prefix = "manager"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plot_dir = Path(tempfile.mkdtemp(prefix="hallq-manager-"))
        self._report: dict[str, Any] | None = None
        self._plots = 0
        self._last: tuple[Any, ...] = ()

    def load_rules(self) -> None:
        load_kv()

    def make_root(self) -> ManagerRoot:
        return ManagerRoot(self.ctrl)

    def extend(self) -> None:
        Window.bind(on_key_down=self._key)

    def _key(self, _w: Any, key: int, _scancode: int, _codepoint: str | None, modifiers: list[str]) -> bool:
        what = KEYS.get((key, "ctrl" in modifiers))
        root = self.view_root
        if what in ("map", "report", "ratings"):
            root.go(what)
        elif what == "reload":
            self.ctrl.load_report()
        elif what == "predict":
            root.map.predict()
        elif what == "assign":
            root.map.send()
        elif what == "export":
            self.ctrl.export()
        return what is not None

    def _redraw(self, view: Any) -> None:
        self.view_root.show(view)
        if view.report is not None and view.report is not self._report:
            self._report = view.report
            self._plot(view.report, view.service_level_s)
        self._shoot(view)

    def _shoot(self, view: ManagerView) -> None:
        meta = summary(view, self.view_root.screens.current, self.view_root.report.plot)
        key = tuple(v for k, v in meta.items() if k != "version")
        if self.shots is not None and key != self._last:
            self._last = key
            self.shots.request(meta)

    def _plot(self, report: dict[str, Any], level_s: float) -> None:
        self._plots += 1
        path = self.plot_dir / f"report-{self._plots}.png"

        def work() -> None:
            try:
                render(report, path, level_s)
            except Exception:  # a plot that fails leaves the figures in text; say why in the log
                log.exception("report plot %s failed", path)
                return
            Clock.schedule_once(lambda _dt: self._plotted(str(path)), 0)

        threading.Thread(target=work, name="report-plot", daemon=True).start()

    def _plotted(self, path: str) -> None:
        self.view_root.report.plot = path
        self._shoot(self.ctrl.view)
