"""The manager's Kivy screens (one .kv each under kv/): they draw a view and forward presses."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager
from kivy.uix.togglebutton import ToggleButton

from manager_console import texts
from manager_console.model import ManagerView

KV_DIR = Path(__file__).with_name("kv")
KV_FILES = ("common.kv", "map.kv", "report.kv", "ratings.kv", "root.kv")
SCREENS = ("map", "report", "ratings")


class Actions(Protocol):
    def set_window(self, window: str, status: str) -> bool: ...
    def propose(self, window: str, groups: list[str]) -> None: ...
    def assign(self, window: str | None = None, groups: list[str] | None = None) -> bool: ...
    def load_report(self, date: str | None = None) -> bool: ...
    def load_ratings(self, date: str | None = None, max_score: int | None = None) -> bool: ...
    def follow_up(self, ticket: str, window: str, note: str) -> bool: ...
    def export(self) -> None: ...


class WindowTile(Button):
    window = StringProperty("")
    fill = ListProperty([0.5, 0.5, 0.5, 1])
    chosen = BooleanProperty(False)  # the tapped tile: a thick frame, so the manager sees which


class GroupLine(BoxLayout):
    text = StringProperty("")
    fill = ListProperty([0.2, 0.55, 0.3, 1])


class RatingRow(BoxLayout):
    text = StringProperty("")
    ticket = StringProperty("")
    window = StringProperty("")


class MapScreen(Screen):
    selected = StringProperty("")
    detail = StringProperty("")
    plan = StringProperty("")

    def setup(self, actions: Actions) -> None:
        self.actions = actions
        self.tiles: dict[str, WindowTile] = {}
        self.toggles: dict[str, ToggleButton] = {}
        self.last: ManagerView | None = None

    def show(self, v: ManagerView) -> None:
        self.last = v
        for w in v.windows:
            tile = self.tiles.get(w.id)
            if tile is None:
                tile = self.tiles[w.id] = WindowTile(window=w.id, on_release=lambda t: self.select(t.window))
                self.ids.tiles.add_widget(tile)
            tile.text = texts.window_tile(w, v.now, v.group_names)
            tile.chosen = w.id == self.selected
            tile.fill = list(texts.STATUS_COLOR.get(w.status, (0.5, 0.5, 0.5, 1)))
        if not self.toggles and v.group_names:
            for code, name in v.group_names.items():
                self.toggles[code] = ToggleButton(text=f"{name.zh}\n{name.en}", font_name="HallSans",
                                                  halign="center", font_size="13sp")
                self.ids.group_toggles.add_widget(self.toggles[code])
        self.ids.queues.clear_widgets()
        for g in v.groups:
            self.ids.queues.add_widget(GroupLine(text=texts.group_line(g), fill=list(texts.LEVEL_COLOR[g.level])))
        self.plan = texts.preview(v.preview, v.group_names)
        row = next((w for w in v.windows if w.id == self.selected), None)
        self.detail = texts.window_tile(row, v.now, v.group_names).replace("\n", "   ") if row else \
            "点选一个窗口  Tap a window"

    def select(self, window: str) -> None:
        """A tapped tile: its groups become the toggles' starting point."""
        self.selected = window
        for tile in self.tiles.values():
            tile.chosen = tile.window == window
        row = next((w for w in self.last.windows if w.id == window), None) if self.last else None
        for code, btn in self.toggles.items():
            btn.state = "down" if row is not None and code in row.groups else "normal"
        if self.last is not None:
            self.show(self.last)

    def chosen(self) -> list[str]:
        return [code for code, btn in self.toggles.items() if btn.state == "down"]

    def status(self, status: str) -> None:
        if self.selected:
            self.actions.set_window(self.selected, status)

    def predict(self) -> None:
        if self.selected:
            self.actions.propose(self.selected, self.chosen())

    def send(self) -> None:
        if self.selected:
            self.actions.assign(self.selected, self.chosen())


class ReportScreen(Screen):
    totals = StringProperty("")
    plot = StringProperty("")

    def setup(self, actions: Actions) -> None:
        self.actions = actions


class RatingsScreen(Screen):
    def setup(self, actions: Actions) -> None:
        self.actions = actions
        self._shown: tuple[Any, ...] = ()

    def show(self, v: ManagerView) -> None:
        if v.evaluations == self._shown:
            return
        self._shown = v.evaluations
        self.ids.rows.clear_widgets()
        for e in v.evaluations:
            self.ids.rows.add_widget(RatingRow(text=texts.rating_line(e, v.matter_names), ticket=str(e.get("ticket")),
                                               window=str(e.get("window"))))

    def follow(self, row: RatingRow) -> None:
        self.actions.follow_up(row.ticket, row.window, row.ids.note.text)


class ManagerRoot(BoxLayout):
    header = StringProperty("")
    notice = StringProperty("")
    alerts = StringProperty("")

    def __init__(self, actions: Actions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actions = actions
        self.screens = ScreenManager(transition=NoTransition())
        self.map, self.report, self.ratings = MapScreen(name="map"), ReportScreen(name="report"), \
            RatingsScreen(name="ratings")
        for s in (self.map, self.report, self.ratings):
            s.setup(actions)
            self.screens.add_widget(s)
        self.ids.body.add_widget(self.screens)

    def go(self, name: str) -> None:
        self.screens.current = name
        if name == "report":
            self.actions.load_report()
        elif name == "ratings":
            self.actions.load_ratings()

    def show(self, v: ManagerView) -> None:
        self.header, self.notice, self.alerts = texts.header(v), texts.notice(v.notice), texts.alerts(v)
        self.map.show(v)
        self.report.totals = texts.totals(v.report)
        self.ratings.show(v)


def load_kv() -> None:
    for name in KV_FILES:
        Builder.load_file(str(KV_DIR / name))
