"""The one error `hallq provision` reports: every problem found, one per line."""

from __future__ import annotations


class ProvisionError(Exception):
    """Something the operator must fix; `problems` holds one line each (`FILE:LINE: field: message`)."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
