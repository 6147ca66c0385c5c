"""A day of a 20-window hall, compressed: the hall file, the arrivals, and paced devices.

Arrivals follow a service hall's day (a morning peak, a lunch dip, an afternoon peak) from
08:30 to 17:00, squeezed `speed` times; clerks hold each ticket for its group's service time,
squeezed the same way. Devices are the fault suite's (each request again under its one id
until answered), paced.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from importlib import resources

from tests.faults.workers import Kiosk, WindowClerk, connect, until_answered

DAY_S = 8.5 * 3600  # 08:30-17:00
PROFILE = [(0.0, 0.6), (0.5, 1.6), (2.5, 1.2), (3.5, 0.5), (5.0, 1.4), (7.0, 1.0), (8.0, 0.4)]  # (hours in, rate)
MATTERS = {"comprehensive": ("hukou-transfer", "resident-id-renew", "social-security-card"),
           "real_estate": ("re-transfer",), "provident_fund": ("hpf-withdraw-rent",), "enterprise": ("biz-license",),
           "pickup": ("pickup-certificate",)}
MIX = [("comprehensive", 0.55), ("real_estate", 0.12), ("provident_fund", 0.12), ("enterprise", 0.06), ("pickup", 0.15)]
SERVICE_MIN = {"A": 8, "B": 15, "C": 10, "D": 20, "E": 3}  # by ticket letter, as in the demo hall
EXTRA_WINDOWS = [("win-13", "real_estate"), ("win-14", "real_estate"), ("win-15", "provident_fund"),
                 ("win-16", "provident_fund"), ("win-17", "enterprise"), ("win-18", "enterprise"),
                 ("win-19", "pickup\", \"comprehensive"), ("win-20", "comprehensive")]
IDLE_S = 30.0  # an idle clerk presses "next" again after about this long
WINDOWS = tuple(f"win-{i:02d}" for i in range(1, 21))
KIOSKS = tuple(f"kiosk-{i:02d}" for i in range(1, 21))


def hall_file() -> str:
    """The demo hall (id "demo", 12 windows) with 8 more windows: 20."""
    text = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
    extra = "".join(f'\n[[windows]]\nid = "{w}"\nlabel_zh = "{w[4:]}号窗口"\nlabel_en = "Window {int(w[4:])}"\n'
                    f'groups = ["{groups}"]\n' for w, groups in EXTRA_WINDOWS)
    return text + extra


def _rate(h: float) -> float:
    return next(r for start, r in reversed(PROFILE) if h >= start)


def arrivals(n: int, speed: float, rng: random.Random) -> list[tuple[float, str, str]]:
    """n (seconds from the start, kiosk, matter), by the day's profile, in time order."""
    hours = []
    while len(hours) < n:  # rejection sampling of the profile
        h = rng.uniform(0, DAY_S / 3600)
        if rng.uniform(0, 1.6) <= _rate(h):
            hours.append(h)
    groups, weights = zip(*MIX, strict=True)
    out = []
    for h in sorted(hours):
        group = rng.choices(groups, weights)[0]
        out.append((h * 3600 / speed, rng.choice(KIOSKS), rng.choice(MATTERS[group])))
    return out


@dataclass
class PacedKiosk(Kiosk):
    plan: list[tuple[float, str]] = field(default_factory=list)  # (seconds from t0, matter)
    t0: float = 0.0

    def run(self, stop: threading.Event) -> None:
        c = connect(self.url, self.device)
        try:
            for i, (at, matter) in enumerate(self.plan):
                if stop.wait(max(0.0, self.t0 + at - time.monotonic())):
                    return
                rid = f"{self.device}-{self.tag}{i}"
                r = until_answered(c, "ticket.issue", {"matter": matter}, rid, stop, self.tries)
                if r is None:
                    return
                self.answers[rid] = r
        finally:
            c.stop()


@dataclass
class ServingClerk(WindowClerk):
    """Calls, holds the ticket for its (squeezed) service time, finishes; a closed window opens again."""

    speed: float = 600.0
    rng: random.Random = field(default_factory=random.Random)
    holding: str | None = None  # the number being served now

    def run(self, stop: threading.Event) -> None:
        c = connect(self.url, self.device)
        n = 0
        try:
            self._ask(c, "window.open", f"{self.device}-open-0", stop)
            while not stop.is_set():
                n += 1
                r = self._ask(c, "call.next", f"{self.device}-c{n}", stop)
                if r is None:
                    return
                if r.ok and r.result["ticket"] is None:
                    stop.wait(max(0.05, IDLE_S / self.speed))  # nobody waiting: the clerk asks again later
                    continue
                if not r.ok:
                    self.anomalies.append(f"call.next {n}: {r.error_code} {r.error_message}")
                    continue
                number = r.result["ticket"]["number"]
                self.calls.append((f"{self.device}-c{n}", number))
                self.holding = number
                stop.wait(SERVICE_MIN.get(number[0], 8) * 60 / self.speed * self.rng.uniform(0.3, 1.2))
                f = self._ask(c, "ticket.finish", f"{self.device}-f{n}", stop)
                if f is not None and not f.ok:
                    self.anomalies.append(f"finish {n}: {f.error_code} {f.error_message}")
                if f is not None:
                    self.holding = None
        finally:
            c.stop()
