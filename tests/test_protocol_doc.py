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
