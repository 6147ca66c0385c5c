"""The window console's screen (kv/console.kv) and its two dialogs (kv/dialogs.kv): they show a
view and forward presses to the controller, nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ColorProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.popup import Popup
from kivy.uix.togglebutton import ToggleButton

from hallcore.model import Name
from window_console import texts
from window_console.actions import ACTIONS, button_text
from window_console.model import ConsoleView

KV_DIR = Path(__file__).with_name("kv")
KV_FILES = ("common.kv", "console.kv", "dialogs.kv")
NO_WINDOW = "—"


class Actions(Protocol):
    def act(self, name: str) -> bool: ...
    def call_number(self, number: str) -> bool: ...
    def transfer(self, to_group: str | None = None, to_window: str | None = None, note: str | None = None) -> bool: ...
    def transfer_targets(self) -> tuple[dict[str, Name], dict[str, Name]]: ...
    def can_transfer(self) -> bool: ...
    def undo(self) -> bool: ...


class ConsoleButton(Button):
    name = StringProperty("")


class NumberDialog(Popup):
    def __init__(self, actions: Actions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actions = actions

    def submit(self) -> None:
        if self.actions.call_number(self.ids.number.text):
            self.dismiss()


class TransferDialog(Popup):
    def __init__(self, actions: Actions, groups: dict[str, Name], windows: dict[str, Name], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actions = actions
        for code, name in groups.items():
            self.ids.groups.add_widget(ToggleButton(text=f"{name.zh}\n{name.en}", group="transfer-group",
                                                    font_name="HallSans", halign="center", on_release=self._pick))
            self.ids.groups.children[0].code = code
        self.ids.window.values = [NO_WINDOW, *(f"{w} {n.zh}" for w, n in windows.items())]
        self.ids.window.text = NO_WINDOW

    def _pick(self, _btn: Any) -> None:
        self.ids.window.text = NO_WINDOW

    def on_open(self) -> None:
        self.ids.note.focus = True  # typed keys go to the note from the start; Enter sends

    def step_group(self, delta: int) -> None:
        """Up/Down choose a group from the keyboard (the note keeps the focus for typing)."""
        buttons = list(reversed(self.ids.groups.children))  # in the order shown
        if not buttons:
            return
        at = next((i for i, b in enumerate(buttons) if b.state == "down"), -1 if delta > 0 else 0)
        for b in buttons:
            b.state = "normal"
        buttons[(at + delta) % len(buttons)].state = "down"
        self.ids.window.text = NO_WINDOW

    def submit(self) -> None:
        group = next((b.code for b in self.ids.groups.children if b.state == "down"), None)
        window = None if self.ids.window.text == NO_WINDOW else self.ids.window.text.split()[0]
        if window:
            group = None
        if self.actions.transfer(group, window, self.ids.note.text):
            self.dismiss()


class ConsoleRoot(BoxLayout):
    header = StringProperty("")
    number = StringProperty("")
    matter = StringProperty("")
    details = StringProperty("")
    groups_text = StringProperty("")
    message_zh = StringProperty("")
    message_en = StringProperty("")
    error = BooleanProperty(False)
    status_colour = ColorProperty((0.45, 0.47, 0.52, 1))
    can_undo = BooleanProperty(False)

    def __init__(self, actions: Actions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actions = actions
        self.dialog: Popup | None = None
        self.view: ConsoleView | None = None
        for a in ACTIONS:
            self.ids.buttons.add_widget(ConsoleButton(name=a.name, text=button_text(a), on_release=self._press))

    def _press(self, btn: ConsoleButton) -> None:
        self.trigger(btn.name)

    def trigger(self, name: str) -> None:
        """A button or its shortcut."""
        if name == "call_number":
            self.dialog = NumberDialog(self.actions)
        elif name == "transfer":
            if not self.actions.can_transfer():
                return
            self.dialog = TransferDialog(self.actions, *self.actions.transfer_targets())
        else:
            self.actions.act(name)
            return
        self.dialog.bind(on_dismiss=lambda *_a: setattr(self, "dialog", None))
        self.dialog.open()

    def show(self, view: ConsoleView) -> None:
        self.view = view
        self.header = texts.header(view)
        self.number, self.matter, self.details = texts.ticket_lines(view)
        self.groups_text = texts.groups_line(view)
        self.message_zh, self.message_en = texts.message(view.message, view.undo_s)
        self.status_colour = texts.STATUS_COLOUR.get(view.status, texts.STATUS_COLOUR["unknown"])
        self.can_undo = view.undo_s is not None
        self.error = view.message is not None and view.message.kind == "error"
        for btn in self.ids.buttons.children:
            btn.disabled = view.busy is not None


def load_kv() -> None:
    for name in KV_FILES:
        Builder.load_file(str(KV_DIR / name))
