"""People ahead and who is called next (docs/protocol.md, calling policy): a ticket transferred to
this window, then tickets transferred to its groups, then priorities oldest first unless the oldest
normal ticket has waited the overtake limit, then normal tickets oldest first."""

from __future__ import annotations

from hallcore.model import Priority, Ticket
from hallcore.policy import choose_next
from hallcore.queues import GroupQueue, Line
from tests.core.conftest import T0, open_windows

LIMIT = 900.0  # the demo hall's priority_overtake_min = 15


def ticket(n: int, prio: Priority = Priority.NONE, at: float = 0.0, group: str = "g") -> Ticket:
    return Ticket(f"t{n:02d}", "d", f"A{n:03d}", "m", group, prio, issued_at=at, queued_at=at)


def test_people_ahead_when_transferred_priority_and_normal_tickets_all_wait():
    q = GroupQueue()
    n1, n2 = ticket(1), ticket(2)
    p1, p2 = ticket(3, Priority.ELDERLY), ticket(4, Priority.PREGNANT)
    t1, t2 = ticket(5), ticket(6, Priority.DISABLED)
    for t in (n1, p1, n2, p2):
        q.push(t)
    q.push(t1, transferred=True)
    q.push(t2, transferred=True)
    assert [q.ahead_of(t) for t in (t1, t2, p1, p2, n1, n2)] == [0, 1, 2, 3, 4, 5]
    assert len(q) == 6 and list(q.transferred) == [t1, t2] and list(q.priority) == [p1, p2]
    assert q.ahead_of(ticket(99)) == 0  # not in this queue
    assert q.remove(p1.id) and not q.remove(p1.id)
    assert [q.ahead_of(t) for t in (t2, p2, n1)] == [1, 2, 3]


def test_the_line_a_ticket_joins():
    q = GroupQueue()
    assert q.line_for(ticket(1), False) is q.normal
    assert q.line_for(ticket(2, Priority.APPOINTMENT), False) is q.priority
    assert q.line_for(ticket(3, Priority.ELDERLY), True) is q.transferred
    assert q.line_for(ticket(4), True) is q.transferred


def test_a_line_keeps_arrival_order_and_finds_positions():
    line = Line()
    assert line.head() is None and len(line) == 0
    a, b, c = ticket(1), ticket(2), ticket(3)
    for t in (a, b, c):
        line.push(t)
    assert line.head() is a and [line.position(t.id) for t in (a, b, c)] == [0, 1, 2]
    assert "t02" in line and "t09" not in line
    assert line.remove("t02") and not line.remove("t02") and line.position("t03") == 1
    try:
        line.position("t02")
    except KeyError as e:
        assert e.args == ("t02",)
    else:
        raise AssertionError("position of a ticket not in the line")


def test_the_oldest_wait_start_is_the_earliest_head():
    q = GroupQueue()
    assert q.oldest_wait_start() is None
    q.push(ticket(1, at=50.0))
    q.push(ticket(2, Priority.ELDERLY, at=30.0))
    q.push(ticket(3, at=10.0), transferred=True)
    assert q.oldest_wait_start() == 10.0
    q.remove("t03")
    assert q.oldest_wait_start() == 30.0


def queue_with(*tickets: tuple[Ticket, bool]) -> GroupQueue:
    q = GroupQueue()
    for t, moved in tickets:
        q.push(t, moved)
    return q


def test_a_normal_ticket_that_waited_exactly_the_limit_goes_first():
    normal, elder = ticket(1, at=0.0), ticket(2, Priority.ELDERLY, at=100.0)
    q = queue_with((normal, False), (elder, False))
    assert choose_next(None, [q], LIMIT - 1, LIMIT) is elder
    assert choose_next(None, [q], LIMIT, LIMIT) is normal
    assert choose_next(None, [q], LIMIT + 1, LIMIT) is normal


def test_the_order_of_the_policy():
    pinned = Line()
    here = ticket(1, at=500.0)
    moved, prio, normal = ticket(2, at=400.0), ticket(3, Priority.ELDERLY, at=300.0), ticket(4, at=0.0)
    q = queue_with((normal, False), (prio, False), (moved, True))
    pinned.push(here)
    assert choose_next(pinned, [q], 100.0, LIMIT) is here
    assert choose_next(Line(), [q], 100.0, LIMIT) is moved
    assert choose_next(None, [q], 100.0, LIMIT) is moved
    q.remove(moved.id)
    assert choose_next(None, [q], 100.0, LIMIT) is prio
    q.remove(prio.id)
    assert choose_next(None, [q], 100.0, LIMIT) is normal
    q.remove(normal.id)
    assert choose_next(None, [q], 100.0, LIMIT) is None
    only_prio = queue_with((prio, False))
    assert choose_next(None, [only_prio], 5000.0, LIMIT) is prio


def test_oldest_first_across_the_groups_a_window_serves_ties_by_id():
    a = queue_with((ticket(1, at=20.0), False), (ticket(5, Priority.ELDERLY, at=9.0), False),
                   (ticket(7, at=8.0), True))
    b = queue_with((ticket(2, at=10.0), False), (ticket(6, Priority.ELDERLY, at=7.0), False),
                   (ticket(8, at=6.0), True))
    assert choose_next(None, [a, b], 30.0, LIMIT).id == "t08"
    a.remove("t07")
    b.remove("t08")
    assert choose_next(None, [a, b], 30.0, LIMIT).id == "t06"
    b.remove("t06")
    assert choose_next(None, [a, b], 30.0, LIMIT).id == "t05"
    a.remove("t05")
    assert choose_next(None, [a, b], 30.0, LIMIT).id == "t02"
    same = [queue_with((ticket(4, at=1.0), False)), queue_with((ticket(3, at=1.0), False))]
    assert choose_next(None, same, 2.0, LIMIT).id == "t03"
    assert choose_next(None, list(reversed(same)), 2.0, LIMIT).id == "t03"
    late = [queue_with((ticket(1, at=5.0), False)), queue_with((ticket(2, at=1.0), False)),
            queue_with((ticket(3, at=3.0), False))]
    assert choose_next(None, late, 6.0, LIMIT).id == "t02"


def test_in_the_hall_the_overtake_limit_is_the_hall_files(hall):
    open_windows(hall, "win-01")
    normal = hall.issue(T0, "hukou-transfer")
    elder = hall.issue(T0 + 10, "hukou-transfer", "elderly")
    assert hall.ahead(elder) == 0 and hall.ahead(normal) == 1
    assert hall.call_next(T0 + 900, "win-01") is normal  # waited exactly 15 minutes
    hall.finish(T0 + 901, "win-01")
    assert hall.call_next(T0 + 902, "win-01") is elder
