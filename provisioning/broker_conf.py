"""The hall broker's mosquitto.conf: TLS for the LAN, optional plain loopback, no anonymous access."""

from __future__ import annotations

from pathlib import Path

from hallbus import limits

# The client id is the username: else anyone with any device's password could connect under the
# server's id and Mosquitto would close the server's connection ("already connected"), again and
# again. Written in each listener block: before the first `listener` it would open a default
# listener on 1883; with per_listener_settings false one line already holds for every listener.
CLIENTID_IS_USERNAME = "use_username_as_clientid true"

# One hall: ~20 kiosks, ~12 windows and evaluators, a few displays. The default queue of 1000
# silently dropped part of a 2,000-message QoS 1 burst; 20 kiosks x a 500-message burst each
# fits in 10,000 with room to spare, and a per-client queue only fills while a client is away.
MAX_QUEUED = 20000
MAX_INFLIGHT = 1000


def render(base: Path, tls_port: int, plain_port: int | None, run_as: str) -> str:
    d = base.resolve()
    lines = [
        "# Broker of the hall, written by `hallq provision init`. Start: mosquitto -c mosquitto.conf",
        "# Reload passwords and ACL without dropping clients: kill -HUP $(cat mosquitto.pid)",
        "per_listener_settings false",
        "allow_anonymous false",
        f"password_file {d / 'passwd'}",
        f"acl_file {d / 'acl'}",
        f"pid_file {d / 'mosquitto.pid'}",
        # the owner of these files: the broker drops to this user and must still read them on SIGHUP
        f"user {run_as}",
        "",
        "persistence true",
        f"persistence_location {d / 'data'}/",
        "autosave_interval 10",  # seconds: a power cut loses at most 10 s of queued QoS 1 messages
        "",
        "set_tcp_nodelay true",  # without it a loopback round trip took 44-88 ms, not < 1 ms
        f"max_queued_messages {MAX_QUEUED}",
        f"max_inflight_messages {MAX_INFLIGHT}",
        f"max_queued_bytes {limits.MAX_QUEUED_BYTES}",
        # sizes: see hallbus/limits.py (a 100 MB publish and a 10 MB retained presence were accepted)
        f"message_size_limit {limits.MAX_MESSAGE}",
        f"max_packet_size {limits.MAX_PACKET}",
        "",
        "log_dest stderr",
        "log_type error",
        "log_type warning",
        "log_type notice",
        "log_type information",
        "connection_messages true",
        "",
        "# TLS for every device on the LAN; devices trust only ca.crt (it travels in their bundle)",
        f"listener {tls_port}",
        f"cafile {d / 'tls' / 'ca.crt'}",
        f"certfile {d / 'tls' / 'server.crt'}",
        f"keyfile {d / 'tls' / 'server.key'}",
        "tls_version tlsv1.2",
        CLIENTID_IS_USERNAME,
    ]
    if plain_port is not None:
        lines += ["", "# plain MQTT for processes on this box only (still with a password)",
                  f"listener {plain_port} 127.0.0.1", CLIENTID_IS_USERNAME]
    return "\n".join(lines) + "\n"
