"""docs/protocol.md names every operation and error code the code knows, and the contract's topics."""

from pathlib import Path

from hallbus.errors import ALL_CODES
from hallbus.schemas import OPS
from hallbus.topics import Topics

DOC = (Path(__file__).resolve().parents[1] / "docs" / "protocol.md").read_text("utf-8")


def test_every_operation_is_documented():
    missing = [op for op in OPS if f"`{op}`" not in DOC]
    assert not missing, missing


def test_every_error_code_is_documented():
    missing = [code for code in ALL_CODES if f"`{code}`" not in DOC]
    assert not missing, missing


def test_contract_topic_names_are_kept():
    t = Topics("demo")
    for topic in ("req/<device>", "res/<device>", "event/call", "state/calls", "state/queues",
                  "state/windows", "state/catalog", "presence/<device>", "presence/server"):
        assert f"`{topic}`" in DOC
    assert t.state("queues") == "hall/demo/state/queues" and t.req("kiosk-01") == "hall/demo/req/kiosk-01"


def test_error_codes_are_one_enumeration_with_the_old_names():
    from hallbus import errors as E
    from hallbus.errors import ErrorCode

    assert set(ALL_CODES) == set(ErrorCode)  # every code has its meaning, and no meaning lacks a code
    assert E.NOT_ALLOWED is ErrorCode.NOT_ALLOWED and E.NOT_ALLOWED == "not_allowed"
    assert all(getattr(E, c.name) is c for c in ErrorCode)


def test_topic_builders_cover_the_1_1_topics():
    from hallbus.roles import ROLES
    from hallbus.topics import EVERY_HALL, split_state

    t = Topics("demo")
    assert (t.event_ticket, t.state("alerts")) == ("hall/demo/event/ticket", "hall/demo/state/alerts")
    assert EVERY_HALL.state("queues") == "hall/+/state/queues"
    assert split_state("hall/north/state/queues") == ("north", "queues") and split_state("hall/x/req/a") is None
    assert {"web", "backoffice"} <= set(ROLES)


def test_the_payload_table_is_written_from_the_models():
    from hallbus.models import doc

    assert doc.render() in DOC, "run: python -m hallbus.models.doc --write docs/protocol.md"
