"""The reconnect waits: short at first, never past the ceiling, never zero, and spread out."""

import random

from hallbus.reconnect import CEILING_S, Backoff


def test_waits_double_from_a_fifth_of_a_second_to_the_ceiling_with_jitter() -> None:
    b = Backoff(rng=random.Random(1))
    waits = [b.next() for _ in range(40)]
    assert 0.2 <= waits[0] <= 0.4 and 0.4 <= waits[1] <= 0.8
    assert all(CEILING_S / 2 <= w <= CEILING_S for w in waits[3:])
    assert len({round(w, 3) for w in waits[3:]}) > 30, "twenty kiosks must not retry in step"
    b.reset()
    assert b.next() <= 0.4


def test_two_clients_that_lost_the_same_broker_do_not_retry_in_step() -> None:
    a, b = Backoff(rng=random.Random(2)), Backoff(rng=random.Random(3))
    ta = tb = 0.0
    gaps = []
    for _ in range(10):
        ta, tb = ta + a.next(), tb + b.next()
        gaps.append(abs(ta - tb))
    assert max(gaps) > 0.3
