"""Hole 2 at the real server: what a stolen kiosk or a careless clerk sends with an ID number in it
is refused (`bad_request`), and not one digit of the number reaches the database files."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from hallbus.client import BusClient
from hallcore.citizen import check_char
from tests.security.conftest import Hall, Server

FIRST17 = "11010519900307123"
ID = FIRST17 + check_char(FIRST17)
MATTER = "resident-id-renew"
ATTACKS = [
    {"key": ID + "0" * 46},  # the hex pattern's hole, at the key's full length
    {"key": ID + "0" * 14},  # the 32 characters
    {"key": secrets.token_hex(32) + "\n"},  # `$` took a trailing newline
    {"key": secrets.token_hex(16)},  # a key shorter than the hall's HMAC
    {"key": secrets.token_hex(32), "name_masked": f"{ID[:6]} {ID[6:14]} {ID[14:]}"},
    {"key": secrets.token_hex(32), "name_masked": f"{ID[:6]}-{ID[6:14]}-{ID[14:]}"},
    {"name_masked": ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))},
    {"name_masked": "张三"},  # a full name
    {"name_masked": "欧阳小明"},
]


@pytest.fixture(scope="module")
def kiosk(hall: Hall, server: Server) -> Iterator[BusClient]:
    c = hall.bus("kiosk-01")
    yield c
    c.stop()


@pytest.mark.parametrize("citizen", ATTACKS, ids=range(len(ATTACKS)))
def test_the_server_refuses_id_numbers_and_full_names(kiosk: BusClient, citizen: dict[str, str]) -> None:
    r = kiosk.request("ticket.issue", {"matter": MATTER, "citizen": citizen})
    assert r.error_code == "bad_request", r
    assert ID not in (r.error_message or "") and "张三" not in (r.error_message or "")


def test_a_clerks_note_with_an_id_number_is_refused(hall: Hall, server: Server, kiosk: BusClient) -> None:
    win = hall.bus("win-02")
    try:
        assert kiosk.request("ticket.issue", {"matter": MATTER}).ok
        assert win.request("window.open").ok
        assert win.request("call.next").result["ticket"] is not None
        r = win.request("ticket.transfer", {"to_group": "pickup", "note": f"身份证 {ID[:9]} {ID[9:]}"})
        assert r.error_code == "bad_request" and "args.note" in (r.error_message or "")
        assert win.request("ticket.finish").ok
    finally:
        win.stop()


def test_a_good_citizen_is_issued_and_nothing_of_the_id_is_on_disk(kiosk: BusClient, server: Server) -> None:
    r = kiosk.request("ticket.issue", {"matter": MATTER, "citizen": {"key": secrets.token_hex(32),
                                                                     "name_masked": "张*三"}})
    assert r.ok, r
    files = [p for p in server.db.parent.iterdir() if p.name.startswith("hall.db")]
    assert files and all(ID.encode() not in p.read_bytes() for p in files)
    assert ID not in server.log.read_text(errors="replace")
