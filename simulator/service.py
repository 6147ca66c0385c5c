"""Service-time distributions per matter: lognormal or exponential around a mean."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from hallcore.config import HallConfig
from simulator.profile import service_s

Kind = Literal["lognormal", "exponential"]
DEFAULT_CV = 0.6  # lognormal spread: standard deviation / mean


@dataclass(frozen=True, slots=True)
class ServiceDist:
    kind: Kind
    mean_s: float
    sigma: float = 0.0  # lognormal: standard deviation of log(duration)

    @property
    def mu(self) -> float:
        """Lognormal location giving this mean."""
        return math.log(self.mean_s) - self.sigma**2 / 2

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if self.kind == "exponential":
            return rng.exponential(self.mean_s, n)
        return rng.lognormal(self.mu, self.sigma, n)


def lognormal(mean_s: float, cv: float = DEFAULT_CV) -> ServiceDist:
    return ServiceDist("lognormal", mean_s, math.sqrt(math.log1p(cv * cv)))


def catalog_service(config: HallConfig, kind: Kind = "lognormal",
                    cv: float = DEFAULT_CV) -> dict[str, ServiceDist]:
    """One distribution per matter, centred on the catalog's service time."""
    out = {}
    for m in config.matters:
        mean = service_s(config, m.code)
        out[m.code] = ServiceDist("exponential", mean) if kind == "exponential" else lognormal(mean, cv)
    return out
