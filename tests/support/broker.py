"""A real Mosquitto on a free loopback port: the same one the demo uses."""

from hallq.local_broker import BASE_CONF, Mosquitto, free_port, wait_port

__all__ = ["BASE_CONF", "Mosquitto", "free_port", "wait_port"]
