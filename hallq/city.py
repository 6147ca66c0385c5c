"""`hallq city`: many halls seen from one city broker.

    hallq city bridge-config --hall ID --city-broker mqtt://HOST:PORT [--out FILE]
        a Mosquitto bridge section for the hall's broker: state and events go out to the city
    hallq city view --broker mqtt://CITY [--json] [--settle S]
        every hall's retained state/queues and state/windows, as one table per hall, and its state
        (up, server down, bridge down, stale)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from hallbus.city_state import BRIDGE, UP, CityBoard, HallSeen, city_filters, hall_status, summary
from hallbus.mqtt import BrokerSpec, BusError, Connection
from hallbus.topics import Topics


def bridge_config(hall: str, city: BrokerSpec, username: str | None = None, password: str | None = None) -> str:
    """The bridge section; the hall broker's own `listener` lines stay in its main config."""
    lines = [f"# hallq: hall {hall} -> city broker {city.host}:{city.port}",
             f"connection hallq-{hall}-to-city", f"address {city.host}:{city.port}",
             f"remote_clientid hallq-bridge-{hall}", "bridge_protocol_version mqttv311",
             "cleansession true", "try_private true",
             # "1"/"0" on hall/<id>/bridge, and a will on the city broker: /city tells a dead bridge
             "notifications true", f"notification_topic {Topics(hall).under(BRIDGE)}",
             "keepalive_interval 20",  # a vanished hall broker reads "0" on the city after 30 s
             "restart_timeout 1 10"]
    t = Topics(hall)
    lines += [f"topic {topic} out 1" for topic in (t.state_wildcard, t.event_wildcard, t.presence_server)]
    if city.tls:
        lines.append(f"bridge_cafile {city.ca_file or '/etc/ssl/certs/ca-certificates.crt'}")
    if username:
        lines.append(f"remote_username {username}")
    if password:
        lines.append(f"remote_password {password}")
    return "\n".join(lines) + "\n"


def collect(spec: BrokerSpec, settle_s: float = 1.0, client_id: str = "hallq-city-view") -> dict[str, HallSeen]:
    """hall -> what the city broker holds of it (hallbus/city_state.py, as /city reads it): retained
    states, server presence and bridge, read until nothing arrived for `settle_s`."""
    board = CityBoard()  # wall clock: a hall's age is judged against its own `at`
    conn = Connection(spec, client_id)
    for topic in city_filters():
        conn.subscribe(topic, board.on_message)
    conn.start(wait=10)
    board.last_news = time.time()
    try:
        while time.time() - board.last_news < settle_s:
            time.sleep(0.05)
    finally:
        conn.stop()
    return board.snapshot()


def view(halls: dict[str, HallSeen]) -> dict[str, dict[str, Any]]:
    """hall -> the summary figures and the hall's state (up, server_down, bridge_down, stale)."""
    now = time.time()
    return {h: {**summary(seen.states), "status": hall_status(seen, now)} for h, seen in sorted(halls.items())}


def _mmss(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


def render(halls: dict[str, dict[str, Any]]) -> str:
    if not halls:
        return "no hall has published its state to this broker\n"
    out = []
    for hall in sorted(halls):
        s = halls[hall]
        state = "" if s["status"] == UP else f"  [{s['status'].replace('_', ' ')}]"
        out.append(f"hall {hall}  {s['name']}".rstrip() + state)
        out.append(f"  {'group':<18}{'waiting':>8}{'longest wait':>14}{'est. wait':>11}")
        for g in s["groups"]:
            out.append(f"  {g['group']:<18}{g['waiting'] or 0:>8}{_mmss(g['longest_wait_s'] or 0):>14}"
                       f"{_mmss(g['est_wait_s'] or 0):>11}")
        out.append(f"  {'total':<18}{s['waiting']:>8}{_mmss(s['longest_wait_s']):>14}")
        out.append(f"  windows open: {s['windows_open']} of {s['windows']}\n")
    return "\n".join(out)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hallq city", description="halls seen from the city broker")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bridge-config", help="a Mosquitto bridge section: the hall's state and events to the city")
    b.add_argument("--hall", required=True)
    b.add_argument("--city-broker", required=True, help="mqtt://HOST:PORT or mqtts://HOST:PORT")
    b.add_argument("--ca-file", help="CA of the city broker (mqtts)")
    b.add_argument("--username")
    b.add_argument("--password-file", help="file holding the bridge's password on the city broker")
    b.add_argument("--out", help="write here instead of standard output")
    v = sub.add_parser("view", help="every hall's waiting and windows, from retained state")
    v.add_argument("--broker", required=True, help="the city broker, mqtt://HOST:PORT")
    v.add_argument("--settle", type=float, default=1.0, help="seconds without news before printing")
    v.add_argument("--json", action="store_true", help="one JSON object: hall -> summary")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        if args.cmd == "bridge-config":
            city = BrokerSpec.from_url(args.city_broker, ca_file=args.ca_file)
            password = Path(args.password_file).read_text().strip() if args.password_file else None
            text = bridge_config(args.hall, city, args.username, password)
            if args.out:
                Path(args.out).write_text(text)
                Path(args.out).chmod(0o600 if password else 0o644)
            else:
                sys.stdout.write(text)
            return 0
        halls = collect(BrokerSpec.from_url(args.broker), args.settle)
    except (BusError, OSError) as exc:
        print(f"hallq city: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(view(halls), ensure_ascii=False))
    else:
        sys.stdout.write(render(view(halls)))
    return 0
