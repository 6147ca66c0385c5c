"""The kiosk's scanner takes the slip's phone URL and old HQT1 slips; anything else is not a ticket."""

from kiosk.ticket_code import TicketCode, parse_ticket_code


def test_urls_and_old_slips():
    ref = "20261202-B006.abcdefghijkmnop2"
    assert parse_ticket_code(f"https://q.example.gov.cn/t/{ref}", "demo") == TicketCode(ref=ref)
    assert parse_ticket_code(f"http://127.0.0.1:8080/t/{ref}\r", "demo") == TicketCode(ref=ref)
    assert parse_ticket_code("HQT1:demo:20261202-B006", "demo") == TicketCode(ticket_id="20261202-B006")
    for other in ("HQT1:other:20261202-B006", "HQA1.demo.x", f"https://x/u/{ref}", "https://x/t/A001",
                  f"ftp://x/t/{ref}", "", "https://[bad/t/x"):
        assert parse_ticket_code(other, "demo") is None
