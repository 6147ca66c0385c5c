"""Topic names of ../shared/PROTOCOL.md, under the root `hall/<hall>/`."""

from __future__ import annotations

from dataclasses import dataclass

STATE_NAMES = ("calls", "queues", "windows", "catalog")


@dataclass(frozen=True, slots=True)
class Topics:
    hall: str

    @property
    def root(self) -> str:
        return f"hall/{self.hall}/"

    def req(self, device: str) -> str:
        return f"{self.root}req/{device}"

    def res(self, device: str) -> str:
        return f"{self.root}res/{device}"

    @property
    def req_wildcard(self) -> str:
        return f"{self.root}req/+"

    @property
    def event_call(self) -> str:
        return f"{self.root}event/call"

    @property
    def event_ticket(self) -> str:
        return f"{self.root}event/ticket"

    def state(self, name: str) -> str:
        if name not in STATE_NAMES:
            raise ValueError(f"unknown state topic {name!r}")
        return f"{self.root}state/{name}"

    @property
    def state_wildcard(self) -> str:
        return f"{self.root}state/#"

    def presence(self, device: str) -> str:
        return f"{self.root}presence/{device}"

    @property
    def presence_server(self) -> str:
        return self.presence("server")

    def device_of_req(self, topic: str) -> str | None:
        """The device a request topic belongs to, or None when the topic is not one."""
        prefix = f"{self.root}req/"
        if not topic.startswith(prefix):
            return None
        device = topic[len(prefix):]
        return device if device and "/" not in device else None
