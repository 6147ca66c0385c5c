"""What each role may publish and read on the broker: the table, and the Mosquitto ACL file made from it.

The broker is what makes "the server knows who asks from the topic alone" true: a device can
publish a request only on `req/<its own id>`. Everything not granted here is denied; a denied
publish is dropped silently by the broker (MQTT 3.1.1 has no way to say no), so clients see
no error, and nothing reaches a subscriber.
"""

from __future__ import annotations

from collections.abc import Callable

from hallbus.roles import ROLES as CONTRACT_ROLES
from hallbus.topics import Topics

# the roles a device can be provisioned for (bundles and `device add` check by it): the contract's,
# backoffice included now that the hall file names such devices (`[devices] backoffices`)
ROLES = tuple(CONTRACT_ROLES)

Grants = tuple[tuple[str, str], ...]
# role -> (access, topic) for device d of a hall's topics t
ROLE_ACCESS: dict[str, Callable[[Topics, str], Grants]] = {
    "kiosk": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.presence_server)),
    "window": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.event_call),
                            ("read", t.presence_server)),
    "evaluator": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.presence_server)),
    "display": lambda t, d: (("read", t.state_wildcard), ("read", t.event_call), ("read", t.presence_server)),
    # the manager watches every device's health
    "manager": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.event_call),
                             ("read", t.presence_wildcard)),
    # version 1.1: the phone gateway follows every ticket's changes; a back office asks and reads state
    "web": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.event_ticket),
                         ("read", t.presence_server)),
    "backoffice": lambda t, d: (("write", t.req(d)), ("read", t.state_wildcard), ("read", t.presence_server)),
    # readwrite on state/#: the server may read its own retained state back after a restart
    "server": lambda t, d: (("read", t.req("#")), ("write", t.res("#")), ("write", t.event_wildcard),
                            ("readwrite", t.state_wildcard), ("write", t.presence_server),
                            ("read", t.presence_wildcard)),
}

# every device, server included: its own responses and its own presence (the last will is
# published by the broker under the device's name, so it is checked against this too);
# `%u` is Mosquitto's pattern for the connected username
def common(t: Topics) -> Grants:
    return (("read", t.res("%u")), ("write", t.presence("%u")))


def render(hall: str, devices: dict[str, str]) -> str:
    """The ACL file for `devices` (id -> role), one `user` section each, in id order."""
    t = Topics(hall)
    lines = [
        f"# Mosquitto ACL of hall {hall}: written by `hallq provision`, rewritten on every device change.",
        "# Anything not granted below is denied. See docs/provisioning.md for the table per role.",
        "",
        *(f"pattern {access} {topic}" for access, topic in common(t)),
    ]
    for device in sorted(devices):
        role = devices[device]
        lines += ["", f"# {role}", f"user {device}"]
        lines += [f"topic {access} {topic}" for access, topic in ROLE_ACCESS[role](t, device)]
    return "\n".join(lines) + "\n"
