"""Read arrival rates from CSV: `hour,matter,rate` (tickets per hour), one line per pair.

A header line is optional; blank lines and lines starting with `#` are skipped. A bad line
raises `SimInputError` naming the file, the line number and the problem.
"""

from __future__ import annotations

import csv
import io
import math

from hallcore.config import HallConfig
from simulator.errors import SimInputError


def parse_rates(text: str, config: HallConfig, source: str = "arrivals.csv") -> dict[tuple[int, str], float]:
    matters = {m.code for m in config.matters}
    rates: dict[tuple[int, str], float] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if n == 1 and cells[0].lower() == "hour":
            continue
        where = f"{source}:{n}"
        if len(cells) != 3:
            raise SimInputError(f"{where}: expected 3 fields hour,matter,rate, got {len(cells)}: {','.join(row)!r}")
        hour_s, matter, rate_s = cells
        try:
            hour = int(hour_s)
        except ValueError:
            raise SimInputError(f"{where}: hour {hour_s!r} is not a whole number 0-23") from None
        if not 0 <= hour <= 23:
            raise SimInputError(f"{where}: hour {hour} is not between 0 and 23")
        if matter not in matters:
            raise SimInputError(f"{where}: unknown matter {matter!r} (not in the hall's catalog)")
        try:
            rate = float(rate_s)
        except ValueError:
            raise SimInputError(f"{where}: rate {rate_s!r} is not a number") from None
        if not math.isfinite(rate) or rate < 0:
            raise SimInputError(f"{where}: rate {rate_s!r} must be a finite number >= 0")
        if (hour, matter) in rates:
            raise SimInputError(f"{where}: hour {hour} and matter {matter!r} already given on an earlier line")
        rates[(hour, matter)] = rate
    if not any(rates.values()):
        raise SimInputError(f"{source}: no arrivals (every rate is zero, or the file is empty)")
    return rates


def read_rates(path: str, config: HallConfig) -> dict[tuple[int, str], float]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SimInputError(f"{path}: cannot read: {exc}") from exc
    return parse_rates(text, config, path)
