"""The kiosk's root widget: a top bar (back, language, large print, home), the screens, and
an out-of-service notice over the flow when the controller says so."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition

from kiosk import texts
from kiosk.model import KioskView
from kiosk.ui import screens
from kiosk.ui.widgets import KScreen

HERE = Path(__file__).parent
KV_FILES = ("common.kv", "pager.kv", "root.kv", "welcome.kv", "groups.kv", "matters.kv", "search.kv",
            "priority.kv", "confirm.kv", "result.kv")
SCREEN_OF = {"checking": "result", "issuing": "result", "printing": "result", "ticket": "result", "print_failed": "result",
             "error": "result"}


def load_kv() -> None:
    for name in KV_FILES:
        Builder.load_file(str(HERE / name))


class OutOfService(FloatLayout):
    text = StringProperty("")
    unit = NumericProperty(720)

    def on_touch_down(self, touch: object) -> bool:
        return True  # nothing under the notice can be touched

    def on_touch_up(self, touch: object) -> bool:
        return True


class KioskRoot(FloatLayout):
    unit = NumericProperty(720)
    scale = NumericProperty(1.0)
    lang = StringProperty("zh")
    title = StringProperty("")
    can_back = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        sm = self.ids.sm
        sm.transition = NoTransition()
        self.screens: dict[str, KScreen] = {}
        for cls in (screens.WelcomeScreen, screens.GroupsScreen, screens.MattersScreen, screens.SearchScreen,
                    screens.PriorityScreen, screens.ConfirmScreen, screens.ResultScreen):
            s = cls()
            self.screens[s.name] = s
            sm.add_widget(s)
        self.notice = OutOfService()

    def show(self, view: KioskView) -> None:
        self.unit = min(self.width, self.height) or 720
        self.lang, self.scale = view.lang, 1.35 if view.large else 1.0
        hello = texts.t("hello", view.lang, name=view.citizen) if view.citizen else ""
        self.title = "   ".join(x for x in (view.hall_name.get(view.lang), hello) if x)
        self.can_back = view.screen in ("groups", "matters", "search", "priority", "confirm")
        name = SCREEN_OF.get(view.screen, view.screen)
        screen = self.screens[name]
        screen.show(view, self.unit)
        if self.ids.sm.current != name:
            self.ids.sm.current = name
        self._notice(view)

    def _notice(self, view: KioskView) -> None:
        if view.out_of_service is None:
            if self.notice.parent is not None:
                self.remove_widget(self.notice)
            return
        zh, en = texts.out_of_service_text(view.out_of_service)
        if view.out_of_service != "connecting":
            zh, en = f"{zh}\n{texts.SUFFIX[0]}", f"{en}\n{texts.SUFFIX[1]}"
        self.notice.text = f"{zh}\n\n{en}"
        self.notice.unit = self.unit
        if self.notice.parent is None:
            self.add_widget(self.notice)
