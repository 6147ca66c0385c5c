"""A printer for development and tests: `jsonl:PATH` appends each slip as one JSON line.

It speaks no wire; the virtual ESC/POS printer of devices/ is the one end-to-end tests use.
A file named PATH.paper_out beside it makes it report (and fail as) out of paper.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any


class PaperOut(RuntimeError):
    pass


class JsonlPrinter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.flag = path.with_name(path.name + ".paper_out")

    def status(self) -> str:
        return "paper_out" if self.flag.exists() else "ok"

    def print_receipt(self, receipt: Any) -> None:
        if self.flag.exists():
            raise PaperOut("out of paper")
        body = asdict(receipt) if hasattr(receipt, "__dataclass_fields__") else receipt
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(body, ensure_ascii=False) + "\n")
