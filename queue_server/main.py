"""`hallq server`: the composition root of the queue server."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from hallbus.mqtt import BrokerSpec, BusError
from hallcore.clock import LocalTime, SystemClock
from hallcore.hallfile import HallFileError, load_hall
from hallcore.web_config import with_public_url
from queue_server.alerts_pub import AlertBoard
from queue_server.bus import ServerBus
from queue_server.cert_watch import CertWatch
from queue_server.pid_file import write_pid_file
from queue_server.reload_report import log_catalog_change
from queue_server.service import QueueService
from queue_server.store_errors import StoreError
from queue_server.stores import open_store

log = logging.getLogger("hallq.server")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq server", description="the hall's queue server")
    p.add_argument("--hall", default="demo", help="'demo' or the path of a hall file (TOML)")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883", help="mqtt://HOST:PORT or mqtts://HOST:PORT")
    p.add_argument("--db", default="hallq.db", help="SQLite file, or postgresql://... for a shared database, "
                   "or @FILE: the URL read from FILE (mode 0600, so the password is not in ps)")
    p.add_argument("--config", help="a device bundle from `hallq provision device add ... --role server`")
    p.add_argument("--pid-file", help="write the pid here, for `hallq provision ... --reload` (SIGHUP)")
    p.add_argument("--public-url", help="where citizens' phones reach `hallq web` (else the hall file's [web] public_url)")
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = with_public_url(load_hall(args.hall), args.public_url)
        spec = BrokerSpec.from_url(args.broker)
        if args.config:
            from provisioning.bundle import load_bundle
            b = load_bundle(args.config)
            spec = BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file())
        store = open_store(args.db, config.id)
        service = QueueService(config, store, SystemClock())
        bus = ServerBus(service, spec, rebuild=lambda: QueueService(bus.service.config,
                                                                    open_store(args.db, config.id), SystemClock()))
        board = AlertBoard(lambda body: bus.conn.publish(bus.topics.state_alerts, body, retain=True))
        bus.alerts.sink = board.set  # the hall's and the devices' alerts beside the certificate's, in one state/alerts
        watch = CertWatch(spec, board, LocalTime(config.timezone))
    except HallFileError as exc:
        print(f"hallq server: bad hall file:\n{exc}", file=sys.stderr)
        return 2
    except (StoreError, BusError, OSError) as exc:
        print(f"hallq server: {exc}", file=sys.stderr)
        return 2

    done = threading.Event()

    def reload() -> None:
        watch.check_soon()  # after `hallq provision tls renew --reload`, say
        try:
            old = bus.service.config  # the service after a store recovery, not the first one
            bus.service.reload(with_public_url(load_hall(args.hall), args.public_url))
            log.info("hall file reloaded")
            log_catalog_change(old, bus.service.hall)
        except (HallFileError, OSError) as exc:
            log.error("hall file not reloaded, keeping the old one: %s", exc)

    signal.signal(signal.SIGHUP, lambda *_: bus.request_reload(reload))
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    bus.start(wait=None)
    watch.start()
    if args.pid_file:
        write_pid_file(args.pid_file)
    log.info("serving hall %s on %s:%d", config.id, spec.host, spec.port)
    while not done.wait(0.5):
        if bus.failed is not None:
            return 3
    watch.stop()
    bus.stop()
    bus.service.store.close()
    return 0
