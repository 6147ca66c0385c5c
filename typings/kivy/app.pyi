from typing import Any

from kivy.event import EventDispatcher

class App(EventDispatcher):
    title: Any
    root: Any
    @staticmethod
    def get_running_app() -> Any: ...
    def run(self) -> None: ...
    def stop(self, *largs: Any) -> None: ...
