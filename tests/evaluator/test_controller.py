"""The evaluator's flow on a fake clock, with a fake outbox that records requests."""

from __future__ import annotations

from typing import Any

from evaluator.controller import EvaluatorController
from evaluator.model import CheckTicket, Command, Phase, Submit
from tests.display.fakes import FakeClock


def win(ticket: str | None, wid: str = "win-05") -> dict[str, Any]:
    return {"windows": [{"id": "win-01", "label": {"zh": "1号窗口", "en": "Window 1"}, "status": "open",
                         "groups": [], "ticket": "A777"},
                        {"id": wid, "label": {"zh": "5号窗口", "en": "Window 5"}, "status": "open",
                         "groups": ["comprehensive"], "ticket": ticket, "since": None}]}


def make() -> tuple[EvaluatorController, FakeClock, list[Command]]:
    clock, sent = FakeClock(), []
    ids = iter(f"rid-{n}" for n in range(100))
    return EvaluatorController("win-05", sent.append, clock, rating_timeout_s=30, thanks_s=5,
                               new_id=lambda: next(ids)), clock, sent


def finished(ctrl: EvaluatorController, sent: list[Command], ticket: str = "A023") -> None:
    """The window serves `ticket`, then finishes it; the server says it is done."""
    ctrl.on_windows(win(ticket))
    ctrl.on_windows(win(None))
    assert sent[-1] == CheckTicket(ticket)
    ctrl.on_ticket_status(ticket, "done")


def test_idle_shows_the_window_and_its_ticket_without_asking():
    ctrl, _clock, sent = make()
    ctrl.on_windows(win("A023"))  # started mid-visit: nothing to rate yet
    v = ctrl.view
    assert v.phase == Phase.IDLE and v.window.label_zh == "5号窗口" and v.window.ticket == "A023" and sent == []


def test_good_rating_is_sent_at_once_and_thanked():
    ctrl, clock, sent = make()
    ctrl.on_windows(win(None))
    finished(ctrl, sent)
    assert ctrl.view.phase == Phase.RATING and ctrl.view.ticket == "A023"
    ctrl.choose(4)
    assert sent[-1] == Submit("rid-0", "A023", 4, ()) and ctrl.view.phase == Phase.SENDING
    assert sent[-1].args() == {"ticket": "A023", "score": 4, "reasons": []}  # nothing about the rater
    ctrl.on_submitted("rid-0", True, None)
    assert ctrl.view.phase == Phase.THANKS and ctrl.view.message == "thanks"
    clock.sleep(5)
    ctrl.tick()
    assert ctrl.view.phase == Phase.IDLE and ctrl.view.ticket is None


def test_bad_rating_asks_for_reasons():
    ctrl, _clock, sent = make()
    finished(ctrl, sent)
    ctrl.choose(1)
    assert ctrl.view.phase == Phase.REASONS and ctrl.view.score == 1 and not isinstance(sent[-1], Submit)
    ctrl.toggle("attitude")
    ctrl.toggle("long_wait")
    ctrl.toggle("slow")
    ctrl.toggle("slow")
    ctrl.toggle("not-a-reason")
    assert ctrl.view.reasons == ("long_wait", "attitude")
    ctrl.submit_reasons()
    assert sent[-1] == Submit("rid-0", "A023", 1, ("long_wait", "attitude"))


def test_unanswered_rating_times_out_quietly():
    ctrl, clock, sent = make()
    finished(ctrl, sent)
    clock.sleep(29)
    ctrl.tick()
    assert ctrl.view.phase == Phase.RATING
    clock.sleep(1)
    ctrl.tick()
    assert ctrl.view.phase == Phase.IDLE and not any(isinstance(c, Submit) for c in sent)


def test_reasons_step_timing_out_sends_the_score_given():
    ctrl, clock, sent = make()
    finished(ctrl, sent)
    ctrl.choose(2)
    clock.sleep(20)
    ctrl.toggle("other")  # each touch restarts the timer
    clock.sleep(20)
    ctrl.tick()
    assert ctrl.view.phase == Phase.REASONS
    clock.sleep(10)
    ctrl.tick()
    assert sent[-1] == Submit("rid-0", "A023", 2, ("other",))


def test_already_evaluated_is_thanked_and_not_asked_again():
    ctrl, _clock, sent = make()
    finished(ctrl, sent)
    ctrl.choose(5)
    ctrl.on_submitted("rid-0", False, "already_evaluated")
    assert ctrl.view.phase == Phase.THANKS and ctrl.view.message == "already"
    n = len(sent)
    ctrl.on_windows(win("A023"))  # the same ticket back at this window (a transfer back) and gone again
    ctrl.on_windows(win(None))
    assert len(sent) == n


def test_failure_says_so_then_idles():
    ctrl, clock, sent = make()
    finished(ctrl, sent)
    ctrl.choose(3)
    ctrl.on_submitted("other-id", True, None)  # not ours: ignored
    assert ctrl.view.phase == Phase.SENDING
    ctrl.on_submitted("rid-0", False, "unavailable")
    assert ctrl.view.message == "failed"
    clock.sleep(5)
    ctrl.tick()
    assert ctrl.view.phase == Phase.IDLE


def test_no_show_is_not_asked_and_unknown_status_is():
    ctrl, _clock, sent = make()
    ctrl.on_windows(win("A030"))
    ctrl.on_windows(win("A031"))  # A030 left without being served
    ctrl.on_ticket_status("A030", "no_show")
    assert ctrl.view.phase == Phase.IDLE
    ctrl.on_windows(win(None))
    ctrl.on_ticket_status("A031", None)  # the server could not say: ask; it rules on submit
    assert ctrl.view.phase == Phase.RATING and ctrl.view.ticket == "A031"


def test_next_visit_waits_for_the_answer_in_flight():
    ctrl, clock, sent = make()
    finished(ctrl, sent, "A040")
    ctrl.choose(5)
    finished(ctrl, sent, "A041")
    assert ctrl.view.phase == Phase.SENDING
    ctrl.on_submitted("rid-0", True, None)
    clock.sleep(5)
    ctrl.tick()
    assert ctrl.view.phase == Phase.RATING and ctrl.view.ticket == "A041"


def test_keypad_keys_drive_the_same_flow():
    ctrl, _clock, sent = make()
    finished(ctrl, sent)
    ctrl.key("7")
    ctrl.key("1")
    ctrl.key("3")  # reasons step: key n toggles reason n
    ctrl.key("\r")
    assert sent[-1] == Submit("rid-0", "A023", 1, ("slow",))


def test_touches_outside_their_step_are_ignored():
    ctrl, _clock, sent = make()
    ctrl.choose(5)
    ctrl.toggle("slow")
    ctrl.submit_reasons()
    ctrl.key("5")
    assert sent == [] and ctrl.view.phase == Phase.IDLE
