"""Bookings in the core (hallcore/bookings.py): places, limits, closures, cancel, check-in, no-shows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hallbus.errors import HallError
from hallcore import bookings, rules_time
from hallcore.hall import Hall
from hallcore.hallfile import HallFileError, parse_hall
from tests.core.conftest import DEMO, T0, TZ
from tests.core.rules_halls import DEMO as DEMO_TEXT

KEY_A, KEY_B, KEY_C = "a1" * 16, "b2" * 16, "c3" * 16
TOMORROW_0930 = "2026-12-02T09:30"  # T0 is Tuesday 2026-12-01 09:00, Shanghai


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=TZ).timestamp()


def code_of(h: Hall, fn: object, *args: object) -> str:
    with pytest.raises(HallError) as e:
        fn(h, *args)  # type: ignore[operator]
    return str(e.value.code)


@pytest.fixture
def h() -> Hall:
    hall = Hall(DEMO)
    hall.roll_day(T0)
    return hall


def test_slots_follow_the_hours_and_count_places(h: Hall) -> None:
    day = date(2026, 12, 2)
    s = bookings.slots(h, T0, "real_estate", day)
    assert len(s) == 6 + 7  # 09:00-12:00 and 13:30-17:00 in 30-minute slots
    assert datetime.fromtimestamp(s[0][0].start, TZ).strftime("%H:%M") == "09:00" and s[0][1:] == (3, 3)
    bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, "张*")
    left = {datetime.fromtimestamp(x.start, TZ).strftime("%H:%M"): n for x, _, n in bookings.slots(h, T0, "real_estate", day)}
    assert left["09:30"] == 2 and left["09:00"] == 3
    # today: slots that start within the last-booking hour are not offered
    today = [datetime.fromtimestamp(x.start, TZ).strftime("%H:%M") for x, _, _ in bookings.slots(h, T0, "real_estate", date(2026, 12, 1))]
    assert today[0] == "10:00"


def test_a_slot_is_never_oversold_and_a_cancel_frees_its_place(h: Hall) -> None:
    made = [bookings.book(h, T0, "re-transfer", TOMORROW_0930, k * 32, None) for k in "123"]
    assert code_of(h, bookings.book, T0, "re-transfer", TOMORROW_0930, "4" * 32, None) == "slot_full"
    bookings.cancel(h, T0, made[0].id, "1" * 32)
    assert bookings.book(h, T0, "re-transfer", TOMORROW_0930, "4" * 32, None).status == "booked"
    assert h.booking.taken[("real_estate", at(TOMORROW_0930))] == 3


def test_one_booking_per_citizen_group_and_day(h: Hall) -> None:
    bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, None)
    assert code_of(h, bookings.book, T0, "re-first-registration", "2026-12-02T14:00", KEY_A, None) == "limit_reached"
    assert bookings.book(h, T0, "re-transfer", "2026-12-03T09:30", KEY_A, None).day == "2026-12-03"


def test_day_rules_closed_too_far_too_late_not_a_slot(h: Hall) -> None:
    assert code_of(h, bookings.book, T0, "re-transfer", "2026-12-09T09:30", KEY_A, None) == "too_early"
    assert code_of(h, bookings.book, T0, "re-transfer", "2026-12-01T09:30", KEY_A, None) == "too_late"
    assert code_of(h, bookings.book, T0, "re-transfer", "2026-12-02T09:10", KEY_A, None) == "bad_request"
    assert code_of(h, bookings.book, T0, "hukou-transfer", TOMORROW_0930, KEY_A, None) == "unknown_group"
    closed = Hall(parse_hall(DEMO_TEXT.replace("# 预约:", '[booking]\nclosures = ["2026-12-02"]\n\n# 预约:'), "h.toml"))
    closed.roll_day(T0)
    assert code_of(closed, bookings.book, T0, "re-transfer", TOMORROW_0930, KEY_A, None) == "closed_day"


def test_cancel_rules(h: Hall) -> None:
    b = bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, None)
    assert code_of(h, bookings.cancel, T0, b.id, KEY_B) == "unknown_ticket"  # someone else's: no hint
    assert code_of(h, bookings.cancel, at("2026-12-02T07:31"), b.id, KEY_A) == "too_late"  # 2 h before
    assert bookings.cancel(h, at("2026-12-02T07:29"), b.id, KEY_A).status == "cancelled"


def test_check_in_reasons_and_the_ticket(h: Hall) -> None:
    b = bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, None)
    assert code_of(h, Hall.issue, T0, "re-transfer", "none", b.code, KEY_A) == "appointment_invalid"  # another day
    h2 = Hall(DEMO)
    h2.roll_day(at("2026-12-02T08:00"))
    bookings.restore_bookings(h2, list(h.booking.bookings.values()), [])
    with pytest.raises(HallError) as e:
        h2.issue(at("2026-12-02T08:00"), "re-transfer", "none", b.code, KEY_A)
    assert e.value.code == "too_early" and "08:30" in e.value.message
    assert code_of(h2, Hall.issue, at("2026-12-02T08:40"), "re-transfer", "none", b.code, KEY_B) == "appointment_invalid"
    t = h2.issue(at("2026-12-02T08:40"), "re-transfer", "none", b.code, KEY_A)
    assert t.priority == "appointment" and h2.booking.bookings[b.id].status == "checked_in"
    assert code_of(h2, Hall.issue, at("2026-12-02T08:41"), "re-transfer", "none", b.code, KEY_A) == "appointment_used"
    c = bookings.book(h2, at("2026-12-02T08:00"), "re-transfer", "2026-12-02T10:00", KEY_C, None)
    assert code_of(h2, Hall.issue, at("2026-12-02T11:01"), "re-transfer", "none", c.code, KEY_C) == "too_late"
    d = bookings.book(h2, at("2026-12-02T08:00"), "re-transfer", "2026-12-02T11:00", KEY_B, None)
    bookings.cancel(h2, at("2026-12-02T08:00"), d.id, KEY_B)
    with pytest.raises(HallError) as e:
        h2.issue(at("2026-12-02T10:30"), "re-transfer", "none", d.code, KEY_B)
    assert e.value.code == "appointment_invalid" and "cancelled" in e.value.message


def test_three_no_shows_in_30_days_block_for_90_and_a_manager_lifts_it(h: Hall) -> None:
    days = ["2026-12-02", "2026-12-03", "2026-12-04"]
    for d in days:
        bookings.book(h, T0, "re-transfer", f"{d}T09:30", KEY_A, None)
    rules_time.tick(h, at("2026-12-04T10:30"))  # 10:00 end + 30 min late margin: not yet
    assert sum(b.status == "no_show" for b in h.booking.bookings.values()) == 2
    rules_time.tick(h, at("2026-12-04T10:31"))
    assert sum(b.status == "no_show" for b in h.booking.bookings.values()) == 3
    with pytest.raises(HallError) as e:
        bookings.book(h, at("2026-12-04T10:31"), "re-transfer", "2026-12-05T09:30", KEY_A, None)
    assert e.value.code == "booking_blocked" and "2027-03-04" in e.value.message
    assert bookings.book(h, at("2026-12-04T10:31"), "re-transfer", "2026-12-05T09:30", KEY_B, None)  # others book
    blk = bookings.unblock(h, at("2026-12-04T11:00"), KEY_A, "illness, certificate seen")
    assert blk.reason and KEY_A in h.changes.blocks
    assert bookings.book(h, at("2026-12-04T11:00"), "re-transfer", "2026-12-05T09:30", KEY_A, None)
    # the block's end: a new block only from new no-shows, and it ends by itself after 90 days
    assert bookings.blocked_until(h, at("2026-12-04T11:00"), KEY_A) is None


def test_a_block_ends_by_itself(h: Hall) -> None:
    for d in ["2026-12-02", "2026-12-03", "2026-12-04"]:
        bookings.book(h, T0, "re-transfer", f"{d}T09:30", KEY_A, None)
    rules_time.tick(h, at("2026-12-04T11:00"))
    assert bookings.blocked_until(h, at("2027-03-04T10:00"), KEY_A) is not None
    assert bookings.blocked_until(h, at("2027-03-04T11:01"), KEY_A) is None


@pytest.mark.parametrize(("table", "line_field"), [
    ('[[booking.groups]]\ngroup = "nope"\nhours = {}\n', "booking.groups[0].group: unknown group"),
    ('[[booking.groups]]\ngroup = "pickup"\nplaces = 0\nhours = {}\n', "booking.groups[0].places: must be at least 1"),
    ('[[booking.groups]]\ngroup = "pickup"\nhours = { mon = ["12:00-09:00"] }\n', "booking.groups[0].hours: mon"),
    ('[[booking.groups]]\ngroup = "pickup"\nhours = { moon = ["09:00-12:00"] }\n', "unknown weekday 'moon'"),
    ('[[booking.groups]]\ngroup = "pickup"\n', "booking.groups[0].hours: is required"),
    ('[booking]\nclosures = ["2026-13-01"]\n', "booking.closures: '2026-13-01' is not a day"),
    ('[booking.no_show]\ncount = 0\n', "booking.no_show.count: must be at least 1"),
])
def test_bad_booking_rules_name_file_line_and_field(table: str, line_field: str) -> None:
    text = DEMO_TEXT.split("# 预约:")[0] + table
    with pytest.raises(HallFileError) as e:
        parse_hall(text, "hall.toml")
    assert any(line_field in p and p.startswith("hall.toml:") for p in e.value.problems), e.value.problems
    line = int(next(p for p in e.value.problems if line_field in p).split(":")[1])
    assert line > len(DEMO_TEXT.split("# 预约:")[0].splitlines())  # the line of the booking table, not line 1


def test_day_figures_fill_no_show_and_punctuality(h: Hall) -> None:
    from hallcore.booking_report import day_figures

    a = bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, None)
    bookings.book(h, T0, "re-transfer", "2026-12-02T10:00", KEY_B, None)
    bookings.book(h, T0, "hpf-withdraw-rent", "2026-12-02T09:00", KEY_C, None)
    h.roll_day(at("2026-12-02T09:10"))
    h.issue(at("2026-12-02T09:10"), "re-transfer", "none", a.code, KEY_A)  # before its 09:30 start
    rules_time.tick(h, at("2026-12-02T11:01"))  # the 10:00 and 09:00 bookings never came
    f = day_figures(h, "2026-12-02")
    assert f["places"] == 13 * 3 + 24 * 2 and f["booked"] == 3
    assert f["fill_rate"] == round(3 / 87, 3) and f["no_show_rate"] == round(2 / 3, 3) and f["punctuality"] == 1.0


def test_the_phone_goes_when_the_booking_ends(h: Hall) -> None:
    a = bookings.book(h, T0, "re-transfer", TOMORROW_0930, KEY_A, None, "sealed-a")
    b = bookings.book(h, T0, "re-transfer", "2026-12-02T10:00", KEY_B, None, "sealed-b")
    assert a.phone_sealed == "sealed-a"
    bookings.cancel(h, T0, a.id, KEY_A)
    rules_time.tick(h, at("2026-12-02T11:01"))
    assert (a.status, a.phone_sealed, b.status, b.phone_sealed) == ("cancelled", None, "no_show", None)
