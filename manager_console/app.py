"""The manager console's Kivy app: binds the screens and shortcuts to the controller, renders
the report's plot off the UI thread."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window

from hallui.fonts import register_kivy_font
from hallui.screenshots import Screenshots
from manager_console.controller import ManagerController
from manager_console.model import ManagerView
from manager_console.report_plots import render
from manager_console.screens import ManagerRoot, load_kv

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
            "notice": [view.notice.kind, view.notice.code] if view.notice else None}


class ManagerApp(App):
    def __init__(self, ctrl: ManagerController, on_start: Callable[[], None], on_stop: Callable[[], None],
                 screenshot_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = "hallq manager"
        self.ctrl, self._start_io, self._stop_io = ctrl, on_start, on_stop
        self.screenshot_dir = screenshot_dir
        self.plot_dir = Path(tempfile.mkdtemp(prefix="hallq-manager-"))
        self.shots: Screenshots | None = None
        self._report: dict[str, Any] | None = None
        self._plots = 0
        self._last: tuple[Any, ...] = ()

    def build(self) -> ManagerRoot:
        register_kivy_font()
        load_kv()
        self.root_widget = ManagerRoot(self.ctrl)
        if self.screenshot_dir is not None:
            self.shots = Screenshots(self.screenshot_dir, "manager", self.root_widget.export_to_png,
                                     lambda fn, delay: Clock.schedule_once(lambda _dt: fn(), delay),
                                     poke=Window.canvas.ask_update)
            Window.bind(on_flip=self.shots.frame_drawn)
        Window.bind(on_key_down=self._key)
        self.ctrl.on_change = self._redraw
        Clock.schedule_interval(lambda _dt: self.ctrl.tick(), 1.0)
        Clock.schedule_once(lambda _dt: self._redraw(self.ctrl.view), 0)
        return self.root_widget

    def _key(self, _w: Any, key: int, _scancode: int, _codepoint: str | None, modifiers: list[str]) -> bool:
        what = KEYS.get((key, "ctrl" in modifiers))
        root = self.root_widget
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

    def _redraw(self, view: ManagerView) -> None:
        self.root_widget.show(view)
        if view.report is not None and view.report is not self._report:
            self._report = view.report
            self._plot(view.report, view.service_level_s)
        self._shoot(view)

    def _shoot(self, view: ManagerView) -> None:
        meta = summary(view, self.root_widget.screens.current, self.root_widget.report.plot)
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
            except Exception:  # a plot that fails leaves the figures in text
                return
            Clock.schedule_once(lambda _dt: self._plotted(str(path)), 0)

        threading.Thread(target=work, name="report-plot", daemon=True).start()

    def _plotted(self, path: str) -> None:
        self.root_widget.report.plot = path
        self._shoot(self.ctrl.view)

    def on_start(self) -> None:
        self._start_io()

    def on_stop(self) -> None:
        self._stop_io()
