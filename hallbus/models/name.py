"""A text in the hall's two languages, Chinese first: the one `Name` every package uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallbus.errors import BAD_REQUEST, HallError


@dataclass(frozen=True, slots=True)
class Name:
    zh: str
    en: str

    @classmethod
    def parse(cls, obj: Any, where: str = "name") -> Name:
        """A strict `{"zh", "en"}`, both strings."""
        if not isinstance(obj, dict) or not isinstance(obj.get("zh"), str) or not isinstance(obj.get("en"), str):
            raise HallError(BAD_REQUEST, f"{where}: must be an object {{\"zh\": text, \"en\": text}}")
        return cls(obj["zh"], obj["en"])

    @classmethod
    def read(cls, raw: Any, fallback: str = "") -> Name:
        """A forgiving read for a screen: a missing language takes the other one, then `fallback`
        (usually the code), so a half-filled catalog still shows something rather than nothing."""
        if not isinstance(raw, dict):
            return cls(fallback, fallback)
        zh, en = raw.get("zh"), raw.get("en")
        zh = str(zh) if zh else ""
        en = str(en) if en else ""
        return cls(zh or en or fallback, en or zh or fallback)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def to_wire(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    to_dict = to_wire  # the name the domain core has always used
