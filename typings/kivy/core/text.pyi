from typing import Any

LabelBase: Any
DEFAULT_FONT: str
Label: Any
