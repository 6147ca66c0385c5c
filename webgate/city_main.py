"""`hallq web --city-broker URL --staff-file PATH`: the city page's wiring for the composition root."""

from __future__ import annotations

import argparse

from starlette.routing import BaseRoute

from hallbus.mqtt import BrokerSpec
from webgate import staff
from webgate.city_hub import CityHub
from webgate.city_routes import CitySettings, city_routes


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--city-broker", help="the city broker (mqtt[s]://HOST:PORT[?credentials=FILE]): serve /city")
    p.add_argument("--city-ca-file", help="CA of the city broker (mqtts)")
    p.add_argument("--staff-file", help="who may log in to /city (`hallq web staff add NAME --staff-file PATH`)")


def setup(args: argparse.Namespace, key: bytes, public_url: str,
          trust_proxy: bool) -> tuple[list[BaseRoute], CityHub] | None:
    """The /city routes and their hub, or None when no city broker is named; ValueError when half is."""
    if not args.city_broker and not args.staff_file:
        return None
    if not (args.city_broker and args.staff_file):
        raise ValueError("--city-broker and --staff-file go together")
    if not key:
        raise ValueError("the hall has no ref key to sign staff sessions with (hall file [web])")
    try:
        people = staff.StaffFile(args.staff_file)
    except staff.StaffError as exc:
        raise ValueError(str(exc)) from exc
    hub = CityHub(BrokerSpec.from_url(args.city_broker, ca_file=args.city_ca_file))
    routes = city_routes(CitySettings(hub, people, key, secure_cookie=public_url.startswith("https://"),
                                      trust_proxy=trust_proxy))
    return routes, hub
