"""`hallq provision closures add|remove|list`: the hall's closure days (`[booking] closures`).

The hall file is edited in place (tomlkit keeps the administrator's layout and comments) and saved
only if the server's own loader accepts it. With --reload the server reads it at once: bookings
already made for a day now closed are cancelled (hallcore/bookings.py, apply_closures).
"""

from __future__ import annotations

from datetime import date

import tomlkit
from tomlkit.items import Table

from provisioning.errors import ProvisionError
from provisioning.hall_dir import HallDir
from provisioning.toml_edit import array


def _day(text: str) -> str:
    try:
        if len(text) == 10 and date.fromisoformat(text).isoformat() == text:
            return text
    except ValueError:
        pass
    raise ProvisionError(f"{text!r} is not a day YYYY-MM-DD")


def listed(hd: HallDir) -> list[str]:
    booking = hd.load_hall_doc().get("booking", {})
    return sorted(str(d) for d in booking.get("closures", []))


def change(hd: HallDir, add: list[str], remove: list[str]) -> list[str]:
    """Add and remove days; returns the closure days after the change."""
    days_in, days_out = [_day(d) for d in add], [_day(d) for d in remove]
    doc = hd.load_hall_doc()
    if "booking" not in doc:
        doc["booking"] = tomlkit.table()
    booking = doc["booking"]
    if not isinstance(booking, Table):
        raise ProvisionError("[booking] in the hall file is not a table")
    days = array(booking, "closures")
    have = [str(d) for d in days]
    missing = [d for d in days_out if d not in have]
    if missing:
        raise ProvisionError(f"not a closure day: {', '.join(missing)}")
    kept = sorted({*have, *days_in} - set(days_out))
    days.clear()
    days.extend(kept)
    hd.save_hall_doc(doc)
    return kept
