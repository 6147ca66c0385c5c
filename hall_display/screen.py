"""The display's one screen: copies a `DisplayView` into widgets; no decisions here."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout

from hall_display import texts
from hall_display.model import DisplayView

KV = Path(__file__).with_name("display_screen.kv")


class CallRow(BoxLayout):
    ticket = StringProperty("")
    target = StringProperty("")
    unit = NumericProperty(720)


class GroupRow(BoxLayout):
    name = StringProperty("")
    waiting = StringProperty("")
    wait = StringProperty("")
    unit = NumericProperty(720)


class DisplayScreen(FloatLayout):
    hall_zh = StringProperty("")
    hall_en = StringProperty("")
    time_text = StringProperty("")
    date_text = StringProperty("")
    offline_text = StringProperty("")
    current_ticket = StringProperty("")
    current_target = StringProperty("")
    highlight = BooleanProperty(False)

    def show(self, view: DisplayView) -> None:
        self.hall_zh, self.hall_en = view.hall_name.zh, view.hall_name.en
        self.offline_text = texts.offline_text(view.offline)
        self.current_ticket = view.current.ticket if view.current else ""
        self.current_target = f"→ {texts.call_target(view.current)}" if view.current else ""
        self.highlight = view.highlight
        recent = self.ids.recent
        recent.clear_widgets()
        for call in texts.recent_rows(view.recent):
            recent.add_widget(CallRow(ticket=call.ticket, target=texts.call_target(call), unit=self.height))
        groups = self.ids.groups
        groups.clear_widgets()
        for line in view.groups:
            zh, en = texts.wait_text(line)
            groups.add_widget(GroupRow(name=f"{line.name.zh} {line.name.en}", waiting=f"{line.waiting} 人",
                                       wait=f"{zh} / {en}", unit=self.height))

    def show_clock(self, now: datetime) -> None:
        self.time_text, self.date_text = texts.clock_text(now)


def load_kv() -> None:
    Builder.load_file(str(KV))
