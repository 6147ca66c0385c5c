from typing import Any

Clock: Any
def mainthread(func: Any) -> Any: ...
