"""KC162 on a timetable counting the plan's own weeks (issue 15), in a week table (week and days in two cells,
or in one), in schedule lines: week 1 dated from a Monday, alone ('Tuần 1 (từ 06/10/2025)') or with its days,
sets the origin; rows may share weeks (two tasks in week 4); a row whose days are not as many weeks as its
numbers is a warning, one starting on another week than its number is info. Weeks of a month (a second week 1,
a month named with a week) are not the plan's count."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

HEAD = ("Số: 21/KH-THCSLV\n\nLạc Viên, ngày 06 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
        "Tự đánh giá chất lượng giáo dục năm học 2025-2026\n\nV. TIẾN ĐỘ THỰC HIỆN\n\n")

# (week cell, days) of each row; the anchor is week 1 from Monday 06/10/2025. Week 4 is shared by two rows.
ROWS = [("Tuần 1", "từ 06/10/2025"), ("Tuần 2 - 4", "13/10 - 31/10/2025"), ("Tuần 4 - 6", "27/10 - 14/11/2025"),
        ("Tuần 7 - 9", "{days}"), ("Tuần 10", "08/12 - 12/12/2025")]
TASKS = ["Thành lập Hội đồng tự đánh giá", "Tập huấn viết phiếu đánh giá", "Thu thập minh chứng",
         "Viết phiếu đánh giá tiêu chí", "Dự thảo báo cáo tự đánh giá"]


def _table_two_cells(days: str) -> str:
    rows = ["Tuần\tThời gian\tNội dung công việc\tNgười thực hiện"]
    rows += [f"{w}\t{d.format(days=days)}\t{t}\tHội đồng" for (w, d), t in zip(ROWS, TASKS, strict=True)]
    return "\n".join(rows) + "\n"


def _table_one_cell(days: str) -> str:
    rows = ["Thời gian\tNội dung công việc\tNgười thực hiện"]
    rows += [f"{w} ({d.format(days=days)})\t{t}\tHội đồng" for (w, d), t in zip(ROWS, TASKS, strict=True)]
    return "\n".join(rows) + "\n"


def _lines(days: str) -> str:
    marks = ["-", "-", "+", "+", "-"]
    out = []
    for mark, (w, d), t in zip(marks, ROWS, TASKS, strict=True):
        d = d.format(days=days)
        out.append(f"{mark} {w} ({d}): {t.lower()}." if mark == "-" else f"{mark} {w}: {d} – {t.lower()}.")
    return "\n\n".join(out) + "\n"


SHAPES = {"two_cells": _table_two_cells, "one_cell": _table_one_cell, "lines": _lines}


def kc162(body: str) -> list[tuple[str, str | None]]:
    return [(f.severity.value, f.evidence) for f in run(plan_from_text(HEAD + body), select=["KC162"])]


@pytest.mark.parametrize("shape", SHAPES)
def test_weeks_that_last_longer_than_their_numbers(shape: str) -> None:
    assert kc162(SHAPES[shape]("17/11 - 12/12/2025")) == [("warning", "17/11 - 12/12/2025")]


@pytest.mark.parametrize("shape", SHAPES)
def test_weeks_that_start_on_another_week(shape: str) -> None:
    assert kc162(SHAPES[shape]("24/11 - 12/12/2025")) == [("info", "24/11 - 12/12/2025")]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_corrected_timetable_is_silent(shape: str) -> None:
    # Weeks 7-9 from Monday 17/11 to Friday 05/12; rows 2-4 and 4-6 share week 4; week 10 is beyond a month's.
    assert kc162(SHAPES[shape]("17/11 - 05/12/2025")) == []


def test_weeks_of_a_month_are_not_the_plans_count() -> None:
    body = ("- Tuần 1 (từ 06/10 đến 10/10/2025): thành lập Hội đồng.\n\n"
            "- Tuần 1 (từ 03/11 đến 07/11/2025): thu thập minh chứng.\n\n"
            "- Tuần 3 (từ 17/11 đến 21/11/2025): viết phiếu đánh giá.\n")
    assert kc162(body) == []


def test_without_a_monday_week_one_nothing_is_counted() -> None:
    body = _table_two_cells("17/11 - 12/12/2025").replace("từ 06/10/2025", "từ 08/10/2025")
    assert kc162(body) == []
