"""The kiosk's screens: each copies its part of a KioskView into widgets; no decisions here."""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from hallbus.errors import UNAVAILABLE
from kiosk import texts
from kiosk.model import PRIORITIES, KioskView
from kiosk.ui.widgets import KButton, KScreen

KEYBOARD = list("qwertyuiopasdfghjkl") + ["backspace"] + list("zxcvbnm") + [" ", "clear"]


def _ctrl() -> Any:
    return App.get_running_app().ctrl


def _button(text: str, action: str, size: float, call: Any, selected: bool = False) -> KButton:
    b = KButton(text=text, action=action, want_size=size, selected=selected)
    b.bind(on_release=lambda *_a: call())
    return b


class _Listing:
    """Rebuild a grid of buttons only when what it lists has changed."""

    def _refill(self, grid: Any, key: tuple[Any, ...], make: Any) -> None:
        if getattr(grid, "_hallq_key", None) == key:
            return
        grid.clear_widgets()
        for w in make():
            grid.add_widget(w)
        grid._hallq_key = key


class WelcomeScreen(KScreen):
    hall_zh = StringProperty("")
    hall_en = StringProperty("")

    def fill(self, view: KioskView) -> None:
        self.hall_zh, self.hall_en = view.hall_name.zh, view.hall_name.en

    def on_touch_up(self, touch: Any) -> bool:
        """A tap anywhere starts, not only on the big button."""
        if super().on_touch_up(touch):
            return True
        if self.collide_point(*touch.pos):
            _ctrl().touch()
            return True
        return False


class GroupsScreen(KScreen, _Listing):
    def fill(self, view: KioskView) -> None:
        size = self.unit * 0.055 * self.scale
        self._refill(self.ids.grid, (view.groups, view.lang, size), lambda: [
            _button(g.name.get(view.lang), f"group:{g.code}", size, lambda c=g.code: _ctrl().choose_group(c))
            for g in view.groups])


class MattersScreen(KScreen, _Listing):
    title = StringProperty("")
    pages = StringProperty("")

    def fill(self, view: KioskView) -> None:
        self.title = view.group.name.get(view.lang) if view.group else ""
        self.pages = f"{view.page + 1} / {view.pages}"
        size = self.unit * 0.042 * self.scale
        self._refill(self.ids.grid, (view.items, view.lang, size), lambda: [
            _button(m.name.get(view.lang), f"matter:{m.code}", size, lambda c=m.code: _ctrl().choose_matter(c))
            for m in view.items])


class SearchScreen(KScreen, _Listing):
    query = StringProperty("")
    pages = StringProperty("")

    def fill(self, view: KioskView) -> None:
        self.query = view.query
        self.pages = f"{view.page + 1} / {view.pages}" if view.items else texts.t("no_results", view.lang) \
            if view.query else ""
        size = self.unit * 0.04 * self.scale
        self._refill(self.ids.grid, (view.items, view.lang, size), lambda: [
            _button(m.name.get(view.lang), f"matter:{m.code}", size, lambda c=m.code: _ctrl().choose_matter(c))
            for m in view.items])
        size = self.unit * 0.05 * self.scale
        self._refill(self.ids.candidates, (view.candidates, size), lambda: [
            _button(ch, f"cand:{ch}", size, lambda ch=ch: _ctrl().choose_candidate(ch)) for ch in view.candidates])
        self._refill(self.ids.keyboard, (view.lang, size), lambda: [
            _button(self._label(k, view.lang), f"key:{k}", size, lambda k=k: _ctrl().press_key(k))
            for k in KEYBOARD])

    @staticmethod
    def _label(key: str, lang: str) -> str:
        return {"backspace": "←", " ": texts.t("space", lang), "clear": texts.t("clear", lang)}.get(key, key.upper())


class PriorityScreen(KScreen, _Listing):
    def fill(self, view: KioskView) -> None:
        size = self.unit * 0.06 * self.scale
        self._refill(self.ids.grid, (view.lang, view.priority, size), lambda: [
            _button(texts.priority_text(p, view.lang), f"priority:{p}", size,
                    lambda p=p: _ctrl().choose_priority(p), selected=p == view.priority and p != "none")
            for p in PRIORITIES])


class ConfirmScreen(KScreen):
    matter = StringProperty("")
    detail = StringProperty("")

    def fill(self, view: KioskView) -> None:
        self.matter = view.matter.name.get(view.lang) if view.matter else ""
        lines = []
        if view.priority != "none":
            lines.append(f"{texts.t('priority', view.lang)}: {texts.priority_text(view.priority, view.lang)}")
        if view.citizen:
            lines.append(texts.t("hello", view.lang, name=view.citizen))
        self.detail = "\n".join(lines)


class ResultScreen(KScreen, _Listing):
    headline = StringProperty("")
    number = StringProperty("")
    detail = StringProperty("")
    warn = BooleanProperty(False)

    def fill(self, view: KioskView) -> None:
        lang, t = view.lang, view.ticket
        self.number = t.number if t and view.screen in ("ticket", "print_failed", "printing") else ""
        self.warn = view.screen in ("print_failed", "error")
        self.detail = ""
        if t is not None and view.screen in ("ticket", "print_failed"):
            self.detail = texts.ahead_text(t.ahead, lang)
            if t.no_window:  # said plainly instead of a wait (hall rules: no_window)
                self.detail += "\n" + texts.t("no_window", lang)
            elif t.est_wait_s > 0:
                self.detail += "    " + texts.t("wait", lang, m=texts.wait_minutes(t.est_wait_s))
            if t.materials:  # 一次告知: what to have ready, once, for every matter of the visit
                self.detail += "\n" + texts.materials_text(t.materials, lang)
        if view.screen == "error":
            self.headline = "\n".join(texts.error_text(view.error))
            self.detail = view.error_detail or ""  # whole, Chinese first: which tickets, and when they open
        elif view.screen == "print_failed":
            self.headline = "\n".join(texts.error_text(view.error) if view.error else texts.both("print_failed"))
        else:
            self.headline = texts.t({"checking": "checking", "issuing": "issuing",
                                     "printing": "printing"}.get(view.screen, "take_ticket"), lang)
        size = self.unit * 0.055 * self.scale
        ctrl = _ctrl()
        buttons = {"print_failed": [("reprint", ctrl.reprint), ("done", ctrl.home)],
                   "error": [("retry" if view.error == UNAVAILABLE else "ok", ctrl.retry)],
                   "ticket": [("done", ctrl.home)]}.get(view.screen, [])
        self._refill(self.ids.actions, (view.screen, view.error, lang, size), lambda: [
            _button(texts.t(name, lang), name, size, call) for name, call in buttons])
