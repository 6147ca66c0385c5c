"""Words on the screen and in the voice."""

from __future__ import annotations

from hall_display import texts
from hall_display.model import Call, GroupLine, Name
from hall_display.speech_text import utterances, window_number
from tests.display.fakes import call


def test_ticket_is_spelt_one_character_at_a_time():
    zh, en = utterances(Call.parse(call("A023", 5)))
    assert zh.text == "请 A 零 二 三 号到 5 号窗口办理"
    assert en.text == "Number A, zero, two, three, please go to window 5"
    assert zh.tokens == ("please", "A", "0", "2", "3", "to_window", "n5", "window_end")
    assert en.tokens == ("number", "A", "0", "2", "3", "please_go_to_window", "n5")


def test_window_number_from_label_or_id():
    assert window_number(Call("A1", "win-12", Name("12号窗口", "Window 12"), "")) == "12"
    assert window_number(Call("A1", "win-07", Name("综合窗", "General"), "")) == "7"
    assert window_number(Call("A1", "vip", Name("贵宾室", "VIP room"), "")) == ""
    zh, en = utterances(Call("B002", "vip", Name("贵宾室", "VIP room"), ""))
    assert "贵宾室" in zh.text and en.text.endswith("please go to VIP room")


def test_wait_text_and_recent_rows():
    assert texts.wait_text(GroupLine("a", Name("a", "a"), 0, 0)) == ("无需等候", "no wait")
    assert texts.wait_text(GroupLine("a", Name("a", "a"), 3, 620)) == ("约 10 分钟", "about 10 min")
    recent = tuple(Call.parse(c) for c in [call("A3", 1, recall=True), call("A3", 1, at="x"), call("A2", 2),
                                           call("A2", 2, at="y"), call("A1", 3)])
    assert [c.ticket for c in texts.recent_rows(recent)] == ["A2", "A1"]
    assert texts.offline_text(None) == "" and "offline" not in texts.offline_text("no_broker").lower()


def test_wait_text_says_no_window_instead_of_a_made_up_wait():
    assert texts.wait_text(GroupLine("a", Name("a", "a"), 3, 0, 0, "no_window")) == ("暂无窗口办理", "no window open")
    assert texts.wait_text(GroupLine("a", Name("a", "a"), 0, 0, 0, "closed_for_today"))[0] == "今日已停止取号"
