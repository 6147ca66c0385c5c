"""restore.py round trips: a hall rebuilt from what the store kept behaves as the one that crashed
(docs/protocol.md, durability: after `kill -9` the server restarts into the same state)."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime

import pytest

from hallbus import errors as E
from hallbus.errors import HallError
from hallcore.hall import Hall
from hallcore.model import Evaluation, Status, WindowStatus
from hallcore.restore import Snapshot, restore
from tests.core.conftest import DEMO, T0, TZ, open_windows

CONFIG = DEMO
KEY = "ab" * 16


def kept(h: Hall, shuffle: bool = True) -> Snapshot:
    """What the store holds: copies of every row, in no particular order."""
    tickets = [dataclasses.replace(t) for t in h.tickets.values()]
    if shuffle:
        random.Random(7).shuffle(tickets)
    return Snapshot(tickets=tickets,
                    windows=[(w.id, w.status.value, list(w.groups), w.ticket) for w in h.windows.values()],
                    counters=dict(h.seq), appointments_used=set(h.appointments_used),
                    evaluations=[dataclasses.replace(e) for e in h.evaluations.values()])


def busy_hall() -> Hall:
    h = Hall(CONFIG)
    h.roll_day(T0)
    open_windows(h, "win-01", "win-02", "win-07", "win-08")
    h.set_status(T0, "win-03", WindowStatus.PAUSED)
    h.assign(T0, "win-07", ["real_estate"])
    tickets = [h.issue(T0 + i, "hukou-transfer", prio, citizen_key=KEY if i < 2 else None)
               for i, prio in enumerate(["none", "elderly", "none", "pregnant", "none", "none", "none"])]
    b = h.issue(T0 + 10, "re-transfer")
    h.call_next(T0 + 20, "win-01")              # the elderly ticket
    h.serve(T0 + 25, "win-01")
    h.finish(T0 + 145, "win-01")                # a 120 s service
    h.evaluate(T0 + 150, "win-01", tickets[1].number, 4, ["quick"])
    h.call_next(T0 + 30, "win-01")              # the pregnant one, left at the window
    h.call_next(T0 + 31, "win-02")              # A001, transferred to real estate
    h.transfer(T0 + 40, "win-02", "real_estate", None, None)
    h.call_next(T0 + 41, "win-02")              # A003, pinned to win-08
    h.transfer(T0 + 42, "win-02", None, "win-08", "see win-08")
    h.call_next(T0 + 43, "win-02")              # A005: no-show
    h.no_show(T0 + 50, "win-02")
    h.call_number(T0 + 51, "win-07", b.number)  # B001 served at win-07
    h.serve(T0 + 52, "win-07")
    return h


def calling_order(h: Hall) -> list[tuple[str, str]]:
    out = []
    for wid in ("win-08", "win-02", "win-07"):
        w = h.windows[wid]
        if w.ticket is not None:
            h.finish(T0 + 1000, wid)
        while (t := h.call_next(T0 + 1000, wid)) is not None:
            out.append((wid, t.number))
            h.finish(T0 + 1000, wid)
    return out


def test_a_round_trip_gives_back_the_same_hall():
    before = busy_hall()
    after = Hall(CONFIG)
    restore(after, kept(before), T0 + 60)
    assert after.day == before.day == "2026-12-01"
    assert after.seq == before.seq == {"comprehensive": 7, "real_estate": 1}
    assert after.by_number == before.by_number
    assert after.citizen_counts == before.citizen_counts == {(KEY, "hukou-transfer"): 2}
    assert after.appointments_used == before.appointments_used
    assert {k: (e.score, e.reasons) for k, e in after.evaluations.items()} == {
        (before.find("A002").id, "win-01"): (4, ["quick"])}
    for wid, w in before.windows.items():
        w2 = after.windows[wid]
        assert (w2.status, w2.groups, w2.ticket) == (w.status, w.groups, w.ticket), wid
    assert after.windows["win-07"].groups == ["real_estate"]
    assert after.windows["win-03"].status is WindowStatus.PAUSED
    assert {t.id: t.status for t in after.tickets.values()} == {t.id: t.status for t in before.tickets.values()}
    assert after.mean_service_s("comprehensive") == before.mean_service_s("comprehensive") == (120 + 2400) / 6
    assert after.mean_service_s("real_estate") == 900.0
    for t in before.tickets.values():
        assert after.ahead(after.tickets[t.id]) == before.ahead(t), t.number
    assert [(c[0].number, c[1], c[2], c[3]) for c in after.recent_calls] == [
        (c[0].number, c[1], c[2], False) for c in before.recent_calls if not c[3]]
    assert after.issue(T0 + 70, "hukou-transfer").number == "A008"  # numbers go on, never reused
    before.issue(T0 + 70, "hukou-transfer")
    assert calling_order(after) == calling_order(before)
    assert calling_order(after) == []


def test_the_calling_order_survives_a_restart():
    before = busy_hall()
    after = Hall(CONFIG)
    restore(after, kept(before), T0 + 60)
    order = calling_order(after)
    # win-08 first takes the ticket pinned to it, then the transferred one, then B's normal line (empty)
    assert order == calling_order(before)
    assert order[:2] == [("win-08", "A003"), ("win-08", "A001")]
    assert [n for w, n in order if w == "win-02"] == ["A006", "A007"]


def test_the_citizens_limit_survives_a_restart():
    after = Hall(CONFIG)
    restore(after, kept(busy_hall()), T0 + 60)
    with pytest.raises(HallError) as refused:  # the limit was not forgotten
        after.issue(T0 + 61, "hukou-transfer", citizen_key=KEY)
    assert refused.value.code == E.LIMIT_REACHED
    after.issue(T0 + 61, "pension-certify", citizen_key=KEY)


def test_a_ticket_still_at_a_window_from_yesterday():
    before = busy_hall()
    snap = kept(before)
    next_morning = datetime(2026, 12, 2, 8, 0, tzinfo=TZ).timestamp()
    # the store keeps yesterday's open tickets only: the one at win-01 and B001 at win-07
    snap.tickets = [t for t in snap.tickets if t.status in (Status.CALLED, Status.SERVING)]
    snap.counters, snap.evaluations, snap.appointments_used = {}, [], set()
    after = Hall(CONFIG)
    restore(after, snap, next_morning)
    assert after.day == "2026-12-02" and after.by_number == {} and after.citizen_counts == {}
    assert after.windows["win-01"].ticket == before.windows["win-01"].ticket
    assert after.issue(next_morning, "hukou-transfer").number == "A001"
    assert after.mean_service_s("comprehensive") == 480.0  # yesterday's service does not count today
    assert after.finish(next_morning + 5, "win-01").status is Status.DONE


def test_yesterdays_done_tickets_do_not_teach_today():
    before = busy_hall()
    snap = kept(before)
    after = Hall(CONFIG)
    restore(after, snap, datetime(2026, 12, 2, 8, 0, tzinfo=TZ).timestamp())
    assert after.mean_service_s("comprehensive") == 480.0
    assert after.citizen_counts == {} and after.by_number == {}


def test_a_window_or_group_gone_from_the_hall_file():
    before = busy_hall()
    snap = kept(before)
    snap.windows.append(("win-99", "open", ["comprehensive"], None))
    snap.windows = [(wid, st, ["gone"] if wid == "win-08" else (["gone", "pickup"] if wid == "win-02" else g), tk)
                    for wid, st, g, tk in snap.windows]
    gone = dataclasses.replace(before.find("A006"), id="20261201-Z001", number="Z001", group="gone")
    snap.tickets.append(gone)
    after = Hall(CONFIG)
    restore(after, snap, T0 + 60)
    assert "win-99" not in after.windows
    assert after.windows["win-08"].groups == ["real_estate"]  # no known group left: the file's
    assert after.windows["win-02"].groups == ["pickup"]
    # a ticket of a group no longer in the file is kept but waits in no line
    assert after.tickets[gone.id].status is Status.WAITING
    assert all(len(q) == n for q, n in zip(after.queues.values(), (len(q) for q in before.queues.values()),
                                            strict=True))


def test_a_window_pointing_at_a_ticket_no_longer_there_is_freed():
    before = busy_hall()
    snap = kept(before)
    snap.tickets = [t for t in snap.tickets if t.number != "A004"]  # the one at win-01
    no_show = before.find("A005")
    snap.windows = [(wid, st, g, no_show.id if wid == "win-02" else tk) for wid, st, g, tk in snap.windows]
    after = Hall(CONFIG)
    restore(after, snap, T0 + 60)
    assert after.windows["win-01"].ticket is None  # its ticket is not in the store
    assert after.windows["win-02"].ticket is None  # a no-show is not at a window
    assert after.windows["win-07"].ticket == before.windows["win-07"].ticket


def test_the_board_gets_the_last_ten_calls_newest_first():
    h = Hall(CONFIG)
    h.roll_day(T0)
    open_windows(h, "win-01")
    for i in range(12):
        h.issue(T0 + i, "hukou-transfer")
        h.call_next(T0 + 100 + i, "win-01")
        h.finish(T0 + 100 + i, "win-01")
    h.issue(T0 + 200, "hukou-transfer")  # never called: not on the board
    after = Hall(CONFIG)
    restore(after, kept(h), T0 + 300)
    assert [(c[0].number, c[1], c[2], c[3]) for c in after.recent_calls] == [
        (f"A{n:03d}", "win-01", T0 + 99 + n, False) for n in range(12, 2, -1)]


def test_evaluations_come_back_and_block_a_second_rating():
    before = busy_hall()
    snap = kept(before)
    after = Hall(CONFIG)
    restore(after, snap, T0 + 60)
    ev = next(iter(after.evaluations.values()))
    assert isinstance(ev, Evaluation) and ev.window == "win-01"
    with pytest.raises(HallError) as refused:  # a second rating is not taken
        after.evaluate(T0 + 61, "win-01", "A002", 5, [])
    assert refused.value.code == E.ALREADY_EVALUATED


def test_each_line_is_rebuilt_transferred_then_priority_then_normal():
    h = Hall(CONFIG)
    h.roll_day(T0)
    open_windows(h, "win-01")
    moved = h.issue(T0, "hukou-transfer")
    normal = h.issue(T0 + 5, "hukou-transfer")
    elder = h.issue(T0 + 10, "hukou-transfer", "elderly")
    h.call_number(T0 + 20, "win-01", moved.number)
    h.transfer(T0 + 30, "win-01", "comprehensive", None, None)  # back to the head of its own group
    after = Hall(CONFIG)
    restore(after, kept(h), T0 + 40)
    assert [after.ahead(after.tickets[t.id]) for t in (moved, elder, normal)] == [0, 1, 2]
    assert [(after.call_next(T0 + 50 + i, "win-01").number, after.finish(T0 + 50 + i, "win-01"))[0]
            for i in range(3)] == ["A001", "A003", "A002"]


def test_todays_services_are_learnt_again_each_one_added():
    h = Hall(CONFIG)
    h.roll_day(T0)
    open_windows(h, "win-01")
    for i, (served, finished) in enumerate(((10, 70), (100, 400))):
        h.issue(T0 + i, "hukou-transfer")
        h.call_next(T0 + served - 5, "win-01")
        h.serve(T0 + served, "win-01")
        h.finish(T0 + finished, "win-01")
    snap = kept(h)
    old = dataclasses.replace(snap.tickets[0], id="20261201-A099", number="A099", served_at=None,
                              called_at=T0 + 500, finished_at=T0 + 530)  # a row without a serve: from the call
    snap.tickets.append(old)
    after = Hall(CONFIG)
    restore(after, snap, T0 + 600)
    assert after.mean_service_s("comprehensive") == (60 + 300 + 30 + 5 * 480) / 8


def test_only_tickets_that_were_called_go_on_the_board():
    h = Hall(CONFIG)
    h.roll_day(T0)
    h.issue(T0, "hukou-transfer")
    snap = kept(h)
    snap.tickets[0].window = "win-01"  # a window but no call: not a call
    after = Hall(CONFIG)
    restore(after, snap, T0 + 1)
    assert list(after.recent_calls) == []
