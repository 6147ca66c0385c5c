"""`hallq web`: the composition root of the phone gateway.

    hallq web --hall demo|PATH --broker URL --listen HOST:PORT --public-url URL [--config BUNDLE.json]

One bus client (role web), one ASGI app on uvicorn. The listening socket is bound here, so
`--listen 127.0.0.1:0` works and the line "hallq web: listening on http://HOST:PORT" tells where.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger("hallq.web")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq web", description="the citizen's phone gateway")
    p.add_argument("--hall", default="demo", help="'demo' or the path of a hall file (TOML)")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883")
    p.add_argument("--listen", default="127.0.0.1:8080", help="HOST:PORT (port 0: any free port)")
    p.add_argument("--public-url", default="", help="the address phones use, behind the reverse proxy")
    p.add_argument("--config", help="a device bundle from `hallq provision device add ... --role web`")
    p.add_argument("--device", default="web-01")
    p.add_argument("--trust-proxy", action="store_true", help="take the client address from X-Forwarded-For")
    p.add_argument("--rate", type=float, default=5.0, help="requests per second per client address")
    p.add_argument("--burst", type=float, default=40.0, help="requests a client address may make at once")
    p.add_argument("--max-pages-per-ticket", type=int, default=16, help="live pages one ticket may hold open")
    p.add_argument("--log-level", default="INFO")
    from webgate import city_main
    city_main.add_args(p)
    return p.parse_args(argv)


def bind(listen: str) -> socket.socket:
    host, _, port = listen.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port)))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def main(argv: list[str]) -> int:
    if argv[:1] == ["staff"]:  # hallq web staff add|remove NAME --staff-file PATH
        from webgate import staff
        return staff.main(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import uvicorn

    from hallbus.client import BusClient
    from hallbus.mqtt import BrokerSpec, BusError
    from hallcore.hallfile import HallFileError, load_hall
    from webgate.app import WebSettings, create_app
    from webgate.hub import Hub

    try:
        config = load_hall(args.hall)
        spec, device = BrokerSpec.from_url(args.broker), args.device
        if args.config:
            from provisioning.bundle import load_bundle
            b = load_bundle(args.config)
            spec, device = BrokerSpec.from_url(b.broker, b.username, b.password, b.ca_file()), b.device
        if config.role_of(device) != "web":
            print(f"hallq web: {device} is not a web device of hall {config.id}", file=sys.stderr)
            return 2
        sock = bind(args.listen)
    except HallFileError as exc:
        print(f"hallq web: bad hall file:\n{exc}", file=sys.stderr)
        return 2
    except (BusError, OSError, ValueError) as exc:
        print(f"hallq web: {exc}", file=sys.stderr)
        return 2
    # each process its own MQTT client id: several gateways of one hall run side by side
    bus = BusClient(spec, config.id, device, retry_s=0.5, client_id=f"{device}-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    hub = Hub(bus, bus.topics.state_wildcard, bus.topics.event_ticket, max_listeners=args.max_pages_per_ticket)
    public = (args.public_url or config.web.public_url).rstrip("/")
    from hallcore.web_config import derived_key
    from queue_server.sms import HttpSms
    from webgate.remote_routes import RemoteSettings

    web, csrf_key = config.web, derived_key(config.web.ref_key, "csrf")
    sms = HttpSms(web.sms_url, web.sms_key) if web.sms_url else None
    remote = RemoteSettings(frozenset(r.group for r in web.remote), csrf_key, web.seal_key, web.phone_salt,
                            sms.send if sms else None, config.name.zh, config.name.en)
    from webgate import city_main
    try:
        city = city_main.setup(args, derived_key(web.ref_key, "staff"), public, args.trust_proxy)
    except (BusError, ValueError) as exc:
        print(f"hallq web: {exc}", file=sys.stderr)
        return 2
    app = create_app(hub, WebSettings(public_url=public, trust_proxy=args.trust_proxy, hall_id=config.id,
                                      rate=args.rate, burst=args.burst, texts=bool(web.sms_url),
                                      csrf_key=csrf_key, seal_key=web.seal_key), remote, city[0] if city else None,
                           book_settings(config, csrf_key, sms, public))

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        hub.attach(asyncio.get_running_loop())
        bus.start()
        if city:
            city[1].start(asyncio.get_running_loop())
        yield
        if city:
            city[1].stop()
        bus.stop()

    app.router.lifespan_context = lifespan
    host, port = sock.getsockname()[:2]
    print(f"hallq web: listening on http://{host}:{port}" + (f" (public {public})" if public else ""), flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level=args.log_level.lower(), access_log=False,
                                           timeout_graceful_shutdown=2, lifespan="on"))
    server.run(sockets=[sock])
    return 0


def book_settings(config: Any, csrf_key: bytes, sms: Any, public: str) -> Any:
    """/book (webgate/book_routes.py): the groups the hall file books, and the hall's citizen salt."""
    from webgate.book_routes import BookSettings

    b = config.booking
    return BookSettings({g: r.days_ahead for g, r in b.groups.items()}, b.closures, config.timezone, csrf_key,
                        config.web.seal_key, config.citizen_salt, sms.send if sms else None, public,
                        config.name.zh, config.name.en)
