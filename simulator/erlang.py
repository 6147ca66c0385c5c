"""Erlang C: the mean wait of an M/M/c queue, to check the simulator against."""

from __future__ import annotations


def erlang_c(c: int, offered: float) -> float:
    """Probability that an arrival waits, for `c` servers and `offered` = λ/μ erlangs (< c)."""
    if not 0 <= offered < c:
        raise ValueError(f"offered load {offered} must be below the {c} servers")
    term, total = 1.0, 1.0  # a^k / k!, summed for k < c
    for k in range(1, c):
        term *= offered / k
        total += term
    last = term * offered / c / (1 - offered / c)  # a^c / c! / (1 - ρ)
    return last / (total + last)


def mean_wait_s(c: int, arrivals_per_s: float, service_s: float) -> float:
    """Mean time in queue (Wq) of M/M/c."""
    offered = arrivals_per_s * service_s
    return erlang_c(c, offered) * service_s / (c - offered)
