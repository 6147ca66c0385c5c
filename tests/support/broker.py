"""A real Mosquitto on a free loopback port: the same one the demo uses."""

from pathlib import Path

from hallq.local_broker import BASE_CONF, Mosquitto, free_port, wait_port

__all__ = ["BASE_CONF", "Mosquitto", "free_port", "in_ephemeral_range", "wait_port"]


def in_ephemeral_range(port: int) -> bool:
    """A port the kernel also hands out as a source port: where a client that retries too fast
    can connect a socket to itself and keep a restarted broker from binding."""
    low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    return low <= port <= high
