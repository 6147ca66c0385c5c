"""The day's report (hall.report, hallcore.report.day_report) as CSV text: pure functions.

`figures_csv`: one row for the hall, one per service group, one per window, the same columns
(scope, key, then every figure). `hours_csv`: arrivals and mean wait by hour of issue.
Empty cells for figures that have no value (no calls yet, no ratings).
"""

from __future__ import annotations

import csv
import io
from typing import Any

FIGURES = ("issued", "served", "no_shows", "transferred", "waiting", "cancelled", "wait_mean_s", "wait_p90_s",
           "service_mean_s", "service_p90_s", "service_level", "ratings", "rating_mean", "bad_ratings")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def figures_rows(report: dict[str, Any]) -> list[list[str]]:
    day = str(report.get("date", ""))
    rows = [["date", "scope", "key", *FIGURES]]
    scopes = [("hall", {"all": report.get("totals") or {}}), ("group", report.get("groups") or {}),
              ("window", report.get("windows") or {})]
    for scope, table in scopes:
        for key, figs in table.items():
            rows.append([day, scope, key, *(_cell(figs.get(f)) for f in FIGURES)])
    return rows


def hours_rows(report: dict[str, Any]) -> list[list[str]]:
    day = str(report.get("date", ""))
    rows = [["date", "hour", "arrivals", "wait_mean_s"]]
    for h in report.get("hours") or []:
        rows.append([day, _cell(h.get("hour")), _cell(h.get("arrivals")), _cell(h.get("wait_mean_s"))])
    return rows


def _text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def figures_csv(report: dict[str, Any]) -> str:
    return _text(figures_rows(report))


def hours_csv(report: dict[str, Any]) -> str:
    return _text(hours_rows(report))


def file_names(report: dict[str, Any]) -> tuple[str, str]:
    day = str(report.get("date") or "report")
    return f"hall-report-{day}.csv", f"hall-report-{day}-hours.csv"
