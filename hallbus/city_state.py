"""What the city broker holds about each hall, read from its bridged retained topics.

Shared by `hallq city view` (one read, then a table) and the gateway's live `/city` page. Every
hall's bridge forwards `state/#`, `event/#` and `presence/server`, and announces itself on
`hall/<id>/bridge` ("1" connected, "0" gone: Mosquitto's bridge notification, with a will on the
city broker so a hall broker that dies without a word still reads "0").

A hall is judged by, in this order: its bridge says "0" (the city cannot hear the hall), its
server's presence says offline, its `state/queues` is older than STALE_S (the server refreshes it
every 5 s, so silence means something between them is stuck), else up.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hallbus.topics import ROOT, SERVER

VIEWED = ("queues", "windows", "alerts", "catalog")
BRIDGE = "bridge"  # hall/<id>/bridge: the bridge's connection notification
STALE_S = 30.0  # six of the server's 5 s refreshes missed
DEFAULT_TARGET_S = 900  # the hall file's default service level, for a hall that does not publish its own
UP, BRIDGE_DOWN, SERVER_DOWN, STALE, UNKNOWN = "up", "bridge_down", "server_down", "stale", "unknown"


@dataclass
class HallSeen:
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    received: dict[str, float] = field(default_factory=dict)  # state name -> wall clock of arrival
    server_online: bool | None = None
    bridge_up: bool | None = None


def split_city_topic(topic: str) -> tuple[str, str] | None:
    """(hall, what) for `hall/<id>/state/<name>` ("state/<name>"), `presence/server` and `bridge`."""
    parts = topic.split("/")
    if len(parts) < 3 or parts[0] != ROOT or not parts[1]:
        return None
    rest = "/".join(parts[2:])
    if rest in (f"presence/{SERVER}", BRIDGE) or (len(parts) == 4 and parts[2] == "state" and parts[3] in VIEWED):
        return parts[1], rest
    return None


def city_filters() -> list[str]:
    return [*(f"{ROOT}/+/state/{name}" for name in VIEWED), f"{ROOT}/+/presence/{SERVER}", f"{ROOT}/+/{BRIDGE}"]


class CityBoard:
    """hall id -> HallSeen, fed from paho's thread; `changed` (if given) is called after each change."""

    def __init__(self, changed: Callable[[], None] | None = None, clock: Callable[[], float] = time.time) -> None:
        self.halls: dict[str, HallSeen] = {}
        self.lock = threading.Lock()
        self.changed, self.clock = changed, clock
        self.last_news = clock()

    def on_message(self, topic: str, payload: bytes) -> None:
        where = split_city_topic(topic)
        if where is None:
            return
        hall, what = where
        with self.lock:
            seen = self.halls.setdefault(hall, HallSeen())
            if what == BRIDGE:
                seen.bridge_up = payload.strip() == b"1"
            else:
                try:
                    body = json.loads(payload) if payload else {}
                except ValueError:
                    return
                if not isinstance(body, dict):
                    return
                if what.startswith("presence/"):
                    seen.server_online = bool(body.get("online"))
                else:
                    name = what.split("/", 1)[1]
                    seen.states[name] = body
                    seen.received[name] = self.clock()
            self.last_news = self.clock()
        if self.changed is not None:
            self.changed()

    def snapshot(self) -> dict[str, HallSeen]:
        with self.lock:
            return {h: HallSeen(dict(s.states), dict(s.received), s.server_online, s.bridge_up)
                    for h, s in self.halls.items()}


def summary(states: dict[str, Any]) -> dict[str, Any]:
    """Waiting, longest wait and windows of one hall's retained states (the `city view` figures)."""
    groups = (states.get("queues") or {}).get("groups") or []
    windows = (states.get("windows") or {}).get("windows") or []
    return {"waiting": sum(int(g.get("waiting", 0)) for g in groups),
            "longest_wait_s": max((int(g.get("longest_wait_s", 0)) for g in groups), default=0),
            "windows_open": sum(1 for w in windows if w.get("status") == "open"), "windows": len(windows),
            "groups": [{k: g.get(k) for k in ("group", "waiting", "longest_wait_s", "est_wait_s")} for g in groups],
            "name": ((states.get("catalog") or {}).get("hall") or {}).get("name", {}).get("en", "")}


def _age_s(seen: HallSeen, now: float) -> float | None:
    """Seconds since the hall's newest `state/queues`: by its own `at` when it says, else by arrival.
    A retained message read at start-up arrives now but may be hours old: `at` tells."""
    q = seen.states.get("queues")
    if q is None:
        return None
    at = q.get("at")
    if isinstance(at, str):
        try:
            return max(0.0, now - datetime.fromisoformat(at).timestamp())
        except ValueError:
            pass
    return now - seen.received.get("queues", now)


def hall_status(seen: HallSeen, now: float) -> str:
    if seen.bridge_up is False:
        return BRIDGE_DOWN
    if seen.server_online is False:
        return SERVER_DOWN
    age = _age_s(seen, now)
    if age is None:
        return UNKNOWN
    return STALE if age > STALE_S else UP


def hall_row(hall: str, seen: HallSeen, now: float) -> dict[str, Any]:
    """One row of the city page: figures, service level against the hall's target, alerts, status."""
    s = summary(seen.states)
    q = seen.states.get("queues") or {}
    target = q.get("target_s")
    target_s = int(target) if isinstance(target, int) and target > 0 else DEFAULT_TARGET_S
    catalog_name = ((seen.states.get("catalog") or {}).get("hall") or {}).get("name") or {}
    alerts = [a for a in (seen.states.get("alerts") or {}).get("alerts") or [] if isinstance(a, dict)]
    age = _age_s(seen, now)
    return {
        "hall": hall, "name": {"zh": str(catalog_name.get("zh", "")), "en": str(catalog_name.get("en", ""))},
        "status": hall_status(seen, now), "age_s": None if age is None else round(age),
        "waiting": s["waiting"], "longest_wait_s": s["longest_wait_s"],
        "windows_open": s["windows_open"], "windows": s["windows"],
        # no share of the day's waits is in the retained state: the longest wait now against the target
        "target_s": target_s, "within_target": s["longest_wait_s"] <= target_s,
        "alerts": [{"code": str(a.get("code", "")), "level": str(a.get("level", "info")),
                    "text": a.get("text") if isinstance(a.get("text"), dict) else {}} for a in alerts],
    }
