"""A hall with its phone side: broker, queue server with a public URL, and gateways on free ports."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from devices.sms_twin import SmsTwin
from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess, client
from tests.support.web import WebProcess


@pytest.fixture
def web_hall(broker: Mosquitto, tmp_path: Path, sms_hall: tuple[SmsTwin, Path]) -> Iterator[Callable[..., WebProcess]]:
    """Starts the server (public URL = the first gateway's address) and returns a gateway factory;
    the hall is the demo's with the SMS twin as its gateway."""
    hall = str(sms_hall[1])
    made: list[WebProcess] = []
    servers: list[ServerProcess] = []

    def gateway(**kw: object) -> WebProcess:
        w = WebProcess(broker.url, tmp_path / f"web{len(made)}.log", hall=hall, **kw)  # type: ignore[arg-type]
        w.start(wait_state=bool(servers))
        made.append(w)
        if not servers:
            s = ServerProcess(broker.url, tmp_path / "hall.db", hall=hall, extra=["--public-url", w.url])
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


@pytest.fixture
def sms_hall(tmp_path: Path):
    twin = SmsTwin("twin-secret").start()
    (tmp_path / "sms.key").write_text("twin-secret\n")
    demo = resources.files("hallcore.data").joinpath("demo_hall.toml").read_text("utf-8")
    hall = tmp_path / "hall.toml"
    hall.write_text(demo.replace("[web]\n", f'[web]\nsms_url = "{twin.url}"\nsms_key_file = "sms.key"\n'), "utf-8")
    yield twin, hall
    twin.stop()


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)
