"""What each role may publish and read on the broker: the table, and the Mosquitto ACL file made from it.

The broker is what makes "the server knows who asks from the topic alone" true: a device can
publish a request only on `req/<its own id>`. Everything not granted here is denied; a denied
publish is dropped silently by the broker (MQTT 3.1.1 has no way to say no), so clients see
no error, and nothing reaches a subscriber.
"""

from __future__ import annotations

ROLES = ("kiosk", "window", "display", "manager", "evaluator", "server", "web")

# role -> (access, topic under hall/<hall>/); "{d}" is the device's own id
ROLE_ACCESS: dict[str, tuple[tuple[str, str], ...]] = {
    "kiosk": (("write", "req/{d}"), ("read", "state/#"), ("read", "presence/server")),
    "window": (("write", "req/{d}"), ("read", "state/#"), ("read", "event/call"), ("read", "presence/server")),
    "evaluator": (("write", "req/{d}"), ("read", "state/#"), ("read", "presence/server")),
    "display": (("read", "state/#"), ("read", "event/call"), ("read", "presence/server")),
    # the manager watches every device's health
    "manager": (("write", "req/{d}"), ("read", "state/#"), ("read", "event/call"), ("read", "presence/#")),
    # the phone gateway: its requests, every ticket's changes (to push to pages) and the hall's state
    "web": (("write", "req/{d}"), ("read", "state/#"), ("read", "event/ticket"), ("read", "presence/server")),
    # readwrite on state/#: the server may read its own retained state back after a restart
    "server": (("read", "req/#"), ("write", "res/#"), ("write", "event/#"), ("readwrite", "state/#"),
               ("write", "presence/server"), ("read", "presence/#")),
}

# every device, server included: its own responses and its own presence (the last will is
# published by the broker under the device's name, so it is checked against this too)
COMMON = (("read", "res/%u"), ("write", "presence/%u"))


def render(hall: str, devices: dict[str, str]) -> str:
    """The ACL file for `devices` (id -> role), one `user` section each, in id order."""
    root = f"hall/{hall}/"
    lines = [
        f"# Mosquitto ACL of hall {hall}: written by `hallq provision`, rewritten on every device change.",
        "# Anything not granted below is denied. See docs/provisioning.md for the table per role.",
        "",
        *(f"pattern {access} {root}{topic}" for access, topic in COMMON),
    ]
    for device in sorted(devices):
        role = devices[device]
        lines += ["", f"# {role}", f"user {device}"]
        lines += [f"topic {access} {root}{topic.format(d=device)}" for access, topic in ROLE_ACCESS[role]]
    return "\n".join(lines) + "\n"
