"""Many hall servers started together on one PostgreSQL all come up (a city restarting its halls).

Before, each server's start ran its DDL (CREATE INDEX / ALTER TABLE ... IF NOT EXISTS), which locks
the tables even when nothing is missing, and deadlocked with the commits of the halls already up:
of 10 started together, 3 refused to start.
"""

from __future__ import annotations

from tests.pg.test_servers import hall_file
from tests.support.server import ServerProcess, client

HALLS = 10


def test_ten_halls_started_together_all_serve(broker, pg_url, tmp_path):
    halls = [f"h{i:02d}{tmp_path.name[-6:]}".replace("_", "x") for i in range(HALLS)]
    servers = [ServerProcess(broker.url, pg_url, hall=str(hall_file(tmp_path, h)), log=tmp_path / f"{h}.log").start()
               for h in halls]
    kiosks = [client(broker.url, "kiosk-01", h) for h in halls]
    try:
        for h, s, k in zip(halls, servers, kiosks, strict=True):
            s.wait_ready(k, timeout=60)
            r = k.request("ticket.issue", {"matter": "hukou-transfer"}, timeout=30)  # and commits, beside the others
            assert r.ok, (h, r, s.log.read_text()[-1500:])
        assert all(s.proc is not None and s.proc.poll() is None for s in servers), \
            [s.log.read_text()[-800:] for s in servers if s.proc is None or s.proc.poll() is not None]
    finally:
        for k in kiosks:
            k.stop()
        for s in servers:
            s.stop()
