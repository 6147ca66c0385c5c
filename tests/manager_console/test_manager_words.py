"""The manager's words: one estimate (no open window is "no window", in red, not a green
15:00), bad ratings with their reasons' names, visit time and matter; no Kivy, no bus."""

from __future__ import annotations

from typing import Any

from manager_console import texts
from manager_console.controller import ManagerController


class NoBus:
    def request_async(self, *_a: Any, **_k: Any) -> str:
        raise AssertionError("no request expected")


def test_waiting_with_no_open_window_says_no_window() -> None:
    m = ManagerController(NoBus(), 900, lambda: 0.0)
    m.on_catalog({"groups": [{"code": "real_estate", "name": {"zh": "不动产登记", "en": "Real estate"}}],
                  "matters": []})
    m.on_queues({"groups": [{"group": "real_estate", "waiting": 1, "longest_wait_s": 30, "est_wait_s": 900,
                             "windows_open": 0}]})
    [g] = m.view.groups
    assert g.level == "no_window" and texts.LEVEL_COLOR["no_window"] == texts.LEVEL_COLOR["late"]
    line = texts.group_line(g)
    assert "无开放窗口 no window" in line and "15:00" not in line
    m.on_queues({"groups": [{"group": "real_estate", "waiting": 1, "longest_wait_s": 30, "est_wait_s": 900,
                             "windows_open": 1}]})
    assert m.view.groups[0].level == "ok" and "15:00" in texts.group_line(m.view.groups[0])


def test_a_bad_rating_reads_as_the_manager_follows_it_up() -> None:
    m = ManagerController(NoBus(), 900, lambda: 0.0)
    m.on_catalog({"groups": [{"code": "hukou", "name": {"zh": "户籍", "en": "Household"}}],
                  "matters": [{"code": "hukou-transfer", "name": {"zh": "户口迁移登记", "en": "Household transfer"},
                               "group": "hukou"}]})
    e = {"ticket": "t", "number": "A001", "window": "win-01", "score": 1, "reasons": ["long_wait", "attitude"],
         "at": "2026-12-02T09:20:30+08:00", "visit_at": "2026-12-02T09:10:00+08:00", "matter": "hukou-transfer",
         "follow_up": None}
    line = texts.rating_line(e, m.view.matter_names)
    assert "long_wait" not in line and "等候时间长、态度不好 (Long wait, Attitude)" in line
    assert "来访 visit 09:10" in line and "户口迁移登记 Household transfer" in line and "待回访" in line
    assert "未选原因" in texts.rating_line({**e, "reasons": [], "matter": None}, {})


def test_the_reasons_names_are_the_evaluators() -> None:
    from evaluator.levels import REASONS

    assert {r.code: texts.Name(r.zh, r.en) for r in REASONS} == texts.REASON_NAMES
