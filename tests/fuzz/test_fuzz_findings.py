"""Inputs the fuzzer found breaking the server, kept as regression tests now that they are fixed."""

from __future__ import annotations

import json

from hallbus.envelope import encode_request
from tests.fuzz import checks, service_run


def _answer(items: list[tuple[str, bytes]]) -> list[dict[str, object]]:
    svc = service_run.new_service()
    try:
        result = svc.handle_batch(items)
    except Exception as exc:  # noqa: BLE001 - the bug is that anything escapes
        raise AssertionError(f"handle_batch raised {type(exc).__name__}: {exc}") from exc
    return [json.loads(b) for _, b in result.responses]


def test_deeply_nested_json_is_dropped_not_raised():
    # hallbus/envelope.py parse_request catches ValueError only; json raises RecursionError
    assert _answer([("kiosk-01", b"[" * 20_000)]) == []


def test_lone_surrogate_request_id_is_dropped_and_issues_nothing():
    # an id that is not valid Unicode cannot be answered or stored: it is no usable id, so the request
    # is logged and dropped (the contract) before anything changes
    svc = service_run.new_service()
    payload = b'{"v":1,"id":"\\ud800","op":"ticket.issue","args":{"matter":"hukou-transfer"}}'
    assert svc.handle_batch([("kiosk-01", payload)]).responses == []
    good = svc.handle_batch([("kiosk-01", encode_request("g", "ticket.issue", {"matter": "hukou-transfer"}))])
    assert json.loads(good.responses[0][1])["result"]["ticket"]["number"] == "A001"


def test_lone_surrogate_in_a_stored_field_does_not_poison_the_store():
    # queue_server/handlers.py issue accepts name_masked "\udc80"; the answer becomes `internal` but the
    # ticket stays in memory; SqliteStore.commit then raises UnicodeEncodeError (not mapped to StoreError)
    # inside BEGIN IMMEDIATE with no ROLLBACK, and the next, valid batch fails "cannot start a transaction
    # within a transaction": the server fail-stops. A kiosk retrying the same id does it again.
    svc = service_run.new_service()
    bad = b'{"v":1,"id":"s1","op":"ticket.issue","args":{"matter":"hukou-transfer","citizen":{"name_masked":"\\udc80"}}}'
    good = encode_request("s2", "ticket.issue", {"matter": "hukou-transfer"})
    seen: dict[tuple[str, str], bytes] = {}
    for items in ([("kiosk-01", bad)], [("kiosk-01", good)]):
        try:
            checks.check_answers(items, svc.handle_batch(items), seen)
        except AssertionError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"handle_batch raised {type(exc).__name__}: {exc}") from exc


def test_device_url_with_an_unbalanced_bracket_is_an_invalid_url():
    # devices/urls.py parse_url: urlsplit raises a bare ValueError("Invalid IPv6 URL") for "tcp://[", which
    # escapes the InvalidURL mapping (parts.port is guarded, urlsplit itself is not)
    from devices.errors import InvalidURL
    from devices.urls import parse_url

    try:
        parse_url("tcp://[")
    except InvalidURL:
        pass
    except ValueError as exc:
        raise AssertionError(f"parse_url raised {type(exc).__name__}, not InvalidURL: {exc}") from exc


def test_an_id_answered_again_after_its_ttl_keeps_its_new_answer_across_a_restart():
    # queue_server/store_sql.py INSERT_RESPONSE ... ON CONFLICT DO NOTHING keeps the expired row; the next
    # load deletes it, so the newer answer is lost and a retry after a restart is executed a second time
    from queue_server.service import QueueService
    from queue_server.store_sqlite import RESPONSE_TTL_S

    svc = service_run.new_service()
    issue = [("kiosk-01", encode_request("r", "ticket.issue", {"matter": "hukou-transfer"}))]
    svc.handle_batch(issue)
    svc.clock.advance(RESPONSE_TTL_S + 10)  # type: ignore[attr-defined]
    svc.handle_batch(issue)  # still answered from memory; expired after this batch
    second = svc.handle_batch(issue).responses[0][1]  # a new request under the old id: a new ticket
    again = QueueService(svc.config, svc.store, svc.clock)
    assert again.handle_batch(issue).responses[0][1] == second, "the retry after a restart was executed again"


def test_a_response_with_a_string_error_is_a_value_error():
    # hallbus/envelope.py parse_response: `err.get` on a string raises AttributeError; the client catches
    # only ValueError
    from hallbus.envelope import parse_response

    try:
        parse_response(b'{"id": "x", "ok": false, "error": "text"}')
    except ValueError:
        pass
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"parse_response raised {type(exc).__name__}") from exc
