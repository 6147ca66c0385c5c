"""Demo citizens: `--autopilot S` walks a ticket through the kiosk every S seconds.

It presses the same controller methods a touch would, one screen a step, so the demo's
screenshots and receipts come from the real flow (search, priority, confirm, print).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from kiosk.controller import KioskController

STEP_S = 1.5


class Autopilot:
    def __init__(self, ctrl: KioskController, every_s: float, schedule: Callable[[Callable[[], None], float], None],
                 seed: int = 0) -> None:
        self.ctrl, self.every_s, self.schedule = ctrl, every_s, schedule
        self.rng = random.Random(seed)

    def start(self) -> None:
        self.schedule(self._citizen, self.every_s)

    def _citizen(self) -> None:
        c = self.ctrl
        if c.view.screen == "welcome" and not c.blocked and c.catalog.groups:
            group = self.rng.choice(c.catalog.groups)
            priority = self.rng.choice(["none"] * 6 + ["elderly", "pregnant"])
            steps: list[Callable[[], None]] = [c.touch, lambda: c.choose_group(group.code)]
            steps.append(lambda: c.choose_matter(self.rng.choice(c.view.items).code) if c.view.items else None)
            steps += [lambda: c.choose_priority(priority), c.confirm]
            for i, step in enumerate(steps):
                self.schedule(step, STEP_S * (i + 1))
        self.schedule(self._citizen, self.every_s)
