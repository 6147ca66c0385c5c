"""A hall with its phone side: broker, queue server with a public URL, and gateways on free ports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess, client
from tests.support.web import WebProcess


@pytest.fixture
def web_hall(broker: Mosquitto, tmp_path: Path) -> Iterator[Callable[..., WebProcess]]:
    """Starts the server (public URL = the first gateway's address) and returns a gateway factory."""
    made: list[WebProcess] = []
    servers: list[ServerProcess] = []

    def gateway(**kw: object) -> WebProcess:
        w = WebProcess(broker.url, tmp_path / f"web{len(made)}.log", **kw)  # type: ignore[arg-type]
        w.start(wait_state=bool(servers))
        made.append(w)
        if not servers:
            s = ServerProcess(broker.url, tmp_path / "hall.db", extra=["--public-url", w.url])
            probe = client(broker.url, "display-main")
            s.start(wait_client=probe)
            probe.stop()
            servers.append(s)
            w.wait_ready(20)
        return w

    gateway.servers = servers  # type: ignore[attr-defined]
    yield gateway
    for w in made:
        w.stop()
    for s in servers:
        s.stop()
