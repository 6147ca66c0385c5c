"""The server stops cleanly on SIGTERM and on Ctrl-C, saying it is offline; killed, its last will says so."""

from __future__ import annotations

import json
import queue
import signal

import pytest

from hallbus.mqtt import BrokerSpec, Connection
from hallbus.topics import Topics
from tests.support.broker import Mosquitto
from tests.support.server import ServerProcess


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_the_server_goes_offline_when_stopped(broker: Mosquitto, server: ServerProcess, sig: signal.Signals) -> None:
    seen: queue.Queue[bool] = queue.Queue()
    watcher = Connection(BrokerSpec.from_url(broker.url), "presence-watcher")
    watcher.subscribe(Topics("demo").presence_server, lambda _t, p: seen.put(bool(json.loads(p)["online"])))
    watcher.start(wait=10)
    try:
        assert seen.get(timeout=10) is True  # retained: the server is up
        assert server.proc is not None
        server.proc.send_signal(sig)
        code = server.proc.wait(15)
        assert seen.get(timeout=10) is False, "no offline presence"
        assert code == (-9 if sig == signal.SIGKILL else 0)
        if sig != signal.SIGKILL:
            assert "Traceback" not in server.log.read_text(errors="replace")
        server.proc = None
    finally:
        watcher.stop()
