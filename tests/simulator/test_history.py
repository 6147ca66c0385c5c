"""Learning arrivals and service times from past tickets, and reading the server's store."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from hallcore.clock import LocalTime
from hallcore.config import HallConfig
from hallcore.model import Priority, Status, Ticket
from simulator.errors import SimInputError
from simulator.history import learn, read_tickets, recent_by_group
from simulator.scenario import midnight

RATES = {(9, "hukou-transfer"): 12.0, (10, "hukou-transfer"): 20.0, (14, "re-transfer"): 6.0,
         (10, "pickup-license"): 30.0}
SERVICE = {"hukou-transfer": (math.log(400), 0.5), "re-transfer": (math.log(900), 0.3),
           "pickup-license": (math.log(150), 0.4)}
GROUP = {"hukou-transfer": "comprehensive", "re-transfer": "real_estate", "pickup-license": "pickup"}


def synthetic(config: HallConfig, days: int, seed: int = 0) -> list[Ticket]:
    rng = np.random.default_rng(seed)
    out = []
    for d in range(days):
        day0 = midnight(config, d)
        for (hour, matter), rate in RATES.items():
            for k, u in enumerate(sorted(rng.random(rng.poisson(rate)))):
                issued = day0 + 3600 * (hour + u)
                mu, sigma = SERVICE[matter]
                called = issued + 300
                no_show = rng.random() < 0.1
                out.append(Ticket(id=f"{d}-{hour}-{matter}-{k}", day=f"2025-03-{3 + d:02d}", number=f"A{k:03d}",
                                  matter=matter, group=GROUP[matter], priority=Priority.NONE, issued_at=issued,
                                  status=Status.NO_SHOW if no_show else Status.DONE, called_at=called,
                                  served_at=None if no_show else called + 20,
                                  finished_at=called + 60 if no_show else called + 20 + rng.lognormal(mu, sigma)))
    return out


def test_learning_recovers_known_rates_and_service_times(demo: HallConfig) -> None:
    learned = learn(synthetic(demo, 60), LocalTime(demo.timezone).hour)
    assert learned.days == 60
    assert set(learned.rates) == set(RATES)
    for key, rate in RATES.items():
        assert learned.rates[key] == pytest.approx(rate, rel=0.12)
    for matter, (mu, sigma) in SERVICE.items():
        d = learned.service[matter]
        assert d.mean_s == pytest.approx(math.exp(mu + sigma**2 / 2), rel=0.05)
        assert d.sigma == pytest.approx(sigma, rel=0.1)
    assert learned.no_show_share == pytest.approx(0.1, abs=0.02)


SCHEMA = """CREATE TABLE tickets (id TEXT PRIMARY KEY, day TEXT, number TEXT, matter TEXT, grp TEXT,
    status TEXT, priority TEXT, issued_at REAL, called_at REAL, served_at REAL, finished_at REAL, window TEXT)"""


def write_store(path: Path, tickets: list[Ticket]) -> None:
    con = sqlite3.connect(path)
    con.execute(SCHEMA)
    con.executemany("INSERT INTO tickets VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(t.id, t.day, t.number, t.matter, t.group, t.status.value, t.priority.value, t.issued_at,
                      t.called_at, t.served_at, t.finished_at, "win-01") for t in tickets])
    con.commit()
    con.close()


def test_store_round_trip_read_only(demo: HallConfig, tmp_path: Path) -> None:
    tickets = synthetic(demo, 3)
    db = tmp_path / "hall.db"
    write_store(db, tickets)
    before = db.stat().st_mtime_ns
    back = read_tickets(str(db))
    assert len(back) == len(tickets)
    assert {(t.id, t.status, t.finished_at) for t in back} == {(t.id, t.status, t.finished_at) for t in tickets}
    assert db.stat().st_mtime_ns == before
    since = midnight(demo, 2)
    assert {t.day for t in read_tickets(str(db), since=since)} == {"2025-03-05"}


def test_recent_rates_per_group(demo: HallConfig) -> None:
    tickets = synthetic(demo, 1, seed=3)
    at = midnight(demo, 0) + 11 * 3600  # the hour 10:00-11:00
    rates, svc = recent_by_group(tickets, at)
    assert rates["pickup"] == sum(1 for t in tickets if t.group == "pickup" and t.issued_at < at)
    assert "real_estate" not in rates
    assert 300 < svc["comprehensive"] < 600


def test_bad_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SimInputError, match="no such database"):
        read_tickets(str(tmp_path / "missing.db"))
    bad = tmp_path / "other.db"
    sqlite3.connect(bad).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(SimInputError, match="cannot read table tickets"):
        read_tickets(str(bad))
