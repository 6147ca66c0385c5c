"""The demo's scripted part of the hall: windows that open, call, serve and finish, and
extra kiosks, all over the real bus, printing what happens."""

from __future__ import annotations

import random
import time
from pathlib import Path

from hallbus.client import BusClient
from hallbus.errors import UNAVAILABLE
from hallbus.mqtt import BrokerSpec

SCRIPTED_WINDOWS = ["win-03", "win-04", "win-07", "win-09", "win-12"]
SCRIPTED_KIOSKS = ["kiosk-05", "kiosk-06"]
MATTERS = ["hukou-transfer", "resident-id-renew", "re-transfer", "hpf-withdraw-rent", "biz-license",
           "pickup-certificate", "pension-certify", "social-security-card"]


class Traffic:
    def __init__(self, broker_url: str, out: Path) -> None:
        spec = BrokerSpec.from_url(broker_url)
        self.rng = random.Random(7)
        self.kiosks = [BusClient(spec, "demo", k).start(wait=10) for k in SCRIPTED_KIOSKS]
        self.windows = {w: BusClient(spec, "demo", w).start(wait=10) for w in SCRIPTED_WINDOWS}
        self.current: dict[str, float] = {}
        self.counts = {"issued": 0, "called": 0, "finished": 0, "no_show": 0}
        self.out = out

    def wait_for_server(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.kiosks[0].request("ticket.status", {"ticket": "A000"}, timeout=1).error_code != UNAVAILABLE:
                return
        raise SystemExit("hallq demo: the queue server did not start; see the logs folder")

    def say(self, text: str) -> None:
        print(f"  {time.strftime('%H:%M:%S')}  {text}", flush=True)

    def run(self, duration: float | None) -> None:
        for w, c in self.windows.items():
            c.request("window.open")
            self.say(f"{w} opens")
        for _ in range(6):
            self.issue()
        end = None if duration is None else time.monotonic() + duration
        while end is None or time.monotonic() < end:
            if self.rng.random() < 0.5:
                self.issue()
            self.step_window(self.rng.choice(SCRIPTED_WINDOWS))
            time.sleep(1.0)

    def issue(self) -> None:
        k = self.rng.choice(self.kiosks)
        r = k.request("ticket.issue", {"matter": self.rng.choice(MATTERS)})
        if r.ok:
            self.counts["issued"] += 1
            t = r.result
            self.say(f"{k.device} issues {t['ticket']['number']} ({t['ticket']['matter']}), "
                     f"{t['ahead']} ahead, about {(t['est_wait_s'] or 0) // 60} min")

    def step_window(self, w: str) -> None:
        c = self.windows[w]
        if w in self.current:
            if time.monotonic() - self.current[w] > self.rng.uniform(3, 12):
                outcome = "no_show" if self.rng.random() < 0.1 else "finish"
                r = c.request(f"ticket.{outcome}")
                if r.ok:
                    self.counts["finished" if outcome == "finish" else "no_show"] += 1
                    self.say(f"{w} {'finishes' if outcome == 'finish' else 'marks no-show'} {r.result['ticket']['number']}")
                del self.current[w]
            return
        r = c.request("call.next")
        if r.ok and r.result["ticket"]:
            self.counts["called"] += 1
            self.current[w] = time.monotonic()
            self.say(f"{w} calls {r.result['ticket']['number']}  ->  hall display")
            c.request("ticket.serve")

    def summary(self) -> str:
        for c in [*self.kiosks, *self.windows.values()]:
            c.stop()
        return ", ".join(f"{k} {v}" for k, v in self.counts.items())
