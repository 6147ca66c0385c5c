"""Topic names of ../shared/PROTOCOL.md (v1 and 1.1), under the root `hall/<hall>/`.

The only place a `hall/...` topic is spelt: the processes, the broker ACL and the city bridge
all build theirs here.
"""

from __future__ import annotations

from dataclasses import dataclass

ROOT = "hall"
# the retained states the queue server publishes today (it marks each dirty by these names)
STATE_NAMES = ("calls", "queues", "windows", "catalog")
# every retained state of the contract: 1.1 adds `state/alerts`
ALL_STATE_NAMES = (*STATE_NAMES, "alerts")
EVENT_NAMES = ("call", "ticket")
SERVER = "server"  # the server's presence is `presence/server`


def _check(kind: str, name: str, known: tuple[str, ...]) -> str:
    if name not in known:
        raise ValueError(f"unknown {kind} topic {name!r}")
    return name


@dataclass(frozen=True, slots=True)
class Topics:
    """One hall's topics. `hall` may be the MQTT wildcard `+` for a reader of every hall."""

    hall: str

    @property
    def root(self) -> str:
        return f"{ROOT}/{self.hall}/"

    def under(self, relative: str) -> str:
        """A topic (or filter) given under the hall's root, as in the ACL and bridge tables."""
        return f"{self.root}{relative}"

    def req(self, device: str) -> str:
        return f"{self.root}req/{device}"

    def res(self, device: str) -> str:
        return f"{self.root}res/{device}"

    @property
    def req_wildcard(self) -> str:
        return f"{self.root}req/+"

    def event(self, name: str) -> str:
        return f"{self.root}event/{_check('event', name, EVENT_NAMES)}"

    @property
    def event_call(self) -> str:
        return self.event("call")

    @property
    def event_ticket(self) -> str:
        """Version 1.1: every change of a ticket, for the phone gateway."""
        return self.event("ticket")

    @property
    def event_wildcard(self) -> str:
        return f"{self.root}event/#"

    def state(self, name: str) -> str:
        return f"{self.root}state/{_check('state', name, ALL_STATE_NAMES)}"

    @property
    def state_alerts(self) -> str:  # 1.1; published apart from STATE_NAMES (queue_server/alerts_pub.py)
        return self.state("alerts")

    @property
    def state_wildcard(self) -> str:
        return f"{self.root}state/#"

    def presence(self, device: str) -> str:
        return f"{self.root}presence/{device}"

    @property
    def presence_server(self) -> str:
        return self.presence(SERVER)

    @property
    def presence_wildcard(self) -> str:
        return f"{self.root}presence/#"

    def device_of_req(self, topic: str) -> str | None:
        """The device a request topic belongs to, or None when the topic is not one."""
        prefix = f"{self.root}req/"
        if not topic.startswith(prefix):
            return None
        device = topic[len(prefix):]
        return device if device and "/" not in device else None


EVERY_HALL = Topics("+")


def split_state(topic: str) -> tuple[str, str] | None:
    """(hall, state name) of a `hall/<hall>/state/<name>` topic, or None when it is not one."""
    parts = topic.split("/")
    if len(parts) != 4 or parts[0] != ROOT or parts[2] != "state" or not parts[1] or not parts[3]:
        return None
    return parts[1], parts[3]
