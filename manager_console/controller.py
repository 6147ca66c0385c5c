"""The manager console's logic: hall state in, manager requests out, a view for the screens.

No Kivy and no MQTT: the bus, the planner, the clock, the UI thread and a background runner
(for the planner) come in as ports. One request at a time, like the window console.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hallbus.errors import UNAVAILABLE
from hallbus.models import CatalogState, GroupQueue, QueuesState, QueueStatus, WindowsState
from hallbus.models.times import epoch as parse_time
from hallbus.ports import Answer, Requester
from hallcore.model import Name
from hallui.post import Post, direct
from manager_console import report_csv
from manager_console.model import GroupRow, ManagerView, Notice, Preview, WindowRow, level_of
from manager_console.planning import Planner

log = logging.getLogger(__name__)
Runner = Callable[[Callable[[], Any], Callable[[Any], None]], None]  # (work, done(result or exception))


def inline(work: Callable[[], Any], done: Callable[[Any], None]) -> None:
    """The default runner: on the caller's thread (tests)."""
    try:
        result = work()
    except Exception as exc:  # noqa: BLE001 - not swallowed: handed to `done`, which logs it
        result = exc
    done(result)


def _no_window(q: GroupQueue) -> bool:
    """Tickets wait and no window serves them: the server says so (1.1), or the counts do."""
    return q.status is QueueStatus.NO_WINDOW or (q.waiting > 0 and not q.windows_open)


class ManagerController:
    def __init__(self, bus: Requester, service_level_s: float, clock: Callable[[], float],
                 planner: Planner | None = None, post: Post = direct, background: Runner = inline,
                 timeout_s: float = 10.0, export_dir: Path = Path(".")) -> None:
        self.export_dir = export_dir
        self.bus, self.service_level_s, self.clock, self.planner = bus, service_level_s, clock, planner
        self.post, self.background, self.timeout_s = post, background, timeout_s
        self.online = self.server_online = False
        self.windows_body: dict[str, Any] = {"windows": []}
        self.queues_body: dict[str, Any] = {"groups": []}
        # the same two states read through the contract's models (the bodies go to the planner as sent)
        self.windows, self.queues = WindowsState(()), QueuesState(())
        self.group_names: dict[str, Name] = {}
        self.preview: Preview | None = None
        self.report: dict[str, Any] | None = None
        self.evaluations: list[dict[str, Any]] = []
        self.alerts: list[dict[str, Any]] = []
        self.matter_names: dict[str, Name] = {}
        self.notice: Notice | None = None
        self.busy: str | None = None
        self.answers = self.version = 0
        self.on_change: Callable[[ManagerView], None] | None = None

    @property
    def view(self) -> ManagerView:
        wins = tuple(WindowRow(w.id, w.label, w.status.value, w.groups, w.ticket, parse_time(w.since))
                     for w in self.windows.windows)
        groups = tuple(GroupRow(q.group, self.group_names.get(q.group, Name(q.group, q.group)),
                                q.waiting, float(q.longest_wait_s), float(q.est_wait_s or 0), q.windows_open or 0,
                                "no_window" if _no_window(q)
                                else level_of(float(q.longest_wait_s), self.service_level_s))
                       for q in self.queues.groups)
        return ManagerView(self.online, self.server_online, wins, groups, dict(self.group_names),
                           self.service_level_s, self.preview, self.report, tuple(self.evaluations),
                           self.notice, self.busy, self.clock(), self.version, tuple(self.alerts),
                           dict(self.matter_names))

    def _changed(self) -> None:
        self.version += 1
        if self.on_change is not None:
            self.on_change(self.view)

    def tick(self) -> None:
        if self.on_change is not None:
            self.on_change(self.view)

    # -- hall state in ----------------------------------------------------
    def on_connection(self, up: bool) -> None:
        self.online = up
        self._changed()

    def on_server_presence(self, body: dict[str, Any]) -> None:
        self.server_online = bool(body.get("online"))
        self._changed()

    def on_catalog(self, body: dict[str, Any]) -> None:
        catalog = CatalogState.parse(body)
        self.group_names = {g.code: g.name for g in catalog.groups}
        self.matter_names = {m.code: m.name for m in catalog.matters}
        self._changed()

    def on_queues(self, body: dict[str, Any]) -> None:
        self.queues, self.queues_body = QueuesState.parse(body), body
        self._changed()

    def on_windows(self, body: dict[str, Any]) -> None:
        self.windows, self.windows_body = WindowsState.parse(body), body
        self._changed()

    def on_alerts(self, body: dict[str, Any]) -> None:
        self.alerts = [a for a in body.get("alerts", []) if isinstance(a, dict) and a.get("code")]
        self._changed()

    # -- windows ----------------------------------------------------------
    def set_window(self, window: str, status: str) -> bool:
        """Open, pause or close a window."""
        if status not in ("open", "pause", "close"):
            raise ValueError(f"no window.{status}")
        return self._send(f"window.{status}", {"window": window})

    def propose(self, window: str, groups: Sequence[str]) -> None:
        """Predict the waits under a new assignment of `window` (shown before it is sent)."""
        proposal = (window, tuple(groups))
        if not groups:
            self._notice("error", "need_group")
            return
        if self.planner is None:
            self.preview = Preview(window, proposal[1], "no_planner")
            self._changed()
            return
        self.preview = Preview(window, proposal[1], "running")
        self._changed()
        planner, queues, windows, at = self.planner, self.queues_body, self.windows_body, self.clock()
        self.background(lambda: planner(queues, windows, at, {window: list(groups)}),
                        self.post(lambda result: self._planned(proposal, result)))

    def _planned(self, proposal: tuple[str, tuple[str, ...]], result: Any) -> None:
        if self.preview is None or (self.preview.window, self.preview.groups) != proposal:
            return  # the manager moved on to another proposal
        if isinstance(result, Exception):
            log.warning("planner failed: %s", result)
            self.preview = Preview(*proposal, "failed", detail=str(result))
        else:
            self.preview = Preview(*proposal, "ready", tuple(result))
        self._changed()

    def assign(self, window: str | None = None, groups: Sequence[str] | None = None) -> bool:
        """Send window.assign: the previewed proposal, or the one given."""
        if window is None or groups is None:
            if self.preview is None:
                return self._notice("error", "need_group")
            window, groups = self.preview.window, self.preview.groups
        if not groups:
            return self._notice("error", "need_group")
        return self._send("window.assign", {"window": window, "groups": list(groups)})

    def cancel_preview(self) -> None:
        self.preview = None
        self._changed()

    # -- report and ratings -----------------------------------------------
    def load_report(self, date: str | None = None) -> bool:
        return self._send("hall.report", {"date": date} if date else {})

    def load_ratings(self, date: str | None = None, max_score: int | None = None) -> bool:
        args: dict[str, Any] = {"date": date} if date else {}
        if max_score is not None:
            args["max_score"] = max_score
        return self._send("evaluation.list", args)

    def follow_up(self, ticket: str, window: str, note: str) -> bool:
        if not note.strip():
            return self._notice("error", "need_note")
        return self._send("evaluation.follow_up", {"ticket": ticket, "window": window, "note": note.strip()})

    def export(self) -> None:
        self.export_csv(self.export_dir)

    def export_csv(self, folder: Path) -> tuple[Path, Path] | None:
        """Write the loaded report as two CSV files (report_csv); None when none is loaded."""
        if self.report is None:
            self._notice("error", "no_report")
            return None
        folder.mkdir(parents=True, exist_ok=True)
        names = report_csv.file_names(self.report)
        paths = (folder / names[0], folder / names[1])
        try:
            paths[0].write_text(report_csv.figures_csv(self.report), encoding="utf-8")
            paths[1].write_text(report_csv.hours_csv(self.report), encoding="utf-8")
        except OSError as exc:
            self._notice("error", "export_failed", str(exc))
            return None
        self._notice("info", "exported", str(paths[0]))
        return paths

    # -- requests ---------------------------------------------------------
    def _notice(self, kind: str, code: str, detail: str | None = None) -> bool:
        self.notice = Notice(kind, code, detail)
        self._changed()
        return False

    def _send(self, op: str, args: dict[str, Any]) -> bool:
        if self.busy is not None:
            return self._notice("error", "busy")
        self.busy, self.notice = op, None
        self._changed()
        self.bus.request_async(op, args, self.post(lambda r: self._answered(op, args, r)), timeout=self.timeout_s)
        return True

    def _answered(self, op: str, args: dict[str, Any], r: Answer) -> None:
        self.busy = None
        self.answers += 1
        if not r.ok:
            log.info("%s refused: %s %s", op, r.error_code, r.error_message)
            self._notice("error", r.error_code or UNAVAILABLE, r.error_message)
            return
        result = r.result if isinstance(r.result, dict) else {}
        if op == "hall.report":
            self.report = result
        elif op == "evaluation.list":
            self.evaluations = list(result.get("evaluations", []))
        elif op == "evaluation.follow_up":
            done = result.get("evaluation") or {}
            self.evaluations = [done if (e.get("ticket"), e.get("window")) == (done.get("ticket"), done.get("window"))
                                else e for e in self.evaluations]
        elif op == "window.assign":
            self.preview = None
        self.notice = Notice("info", op, args.get("window"))
        self._changed()
