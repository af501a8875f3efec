"""KC160 (a week the month does not have) and KC106 (a schedule month outside the school year) in every
schedule shape: month/week columns, week/time columns, one time cell, schedule lines, prose."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

from kclint.dates import find_date_exprs

HEAD = ("Số: 21/KH-THCSLV\n\nLạc Viên, ngày 06 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
        "Tự đánh giá chất lượng giáo dục năm học 2025-2026\n\nV. TIẾN ĐỘ THỰC HIỆN\n\n")

# The same two-row schedule in five shapes; {w} is the week of December 2025 (5 weeks), {m} the second month.
SHAPES = {
    "month_week": "Tháng\tNội dung công việc\tTuần\nTháng 11/2025\tRà soát minh chứng\tTuần 2\n"
                  "Tháng {m}\tViết báo cáo tự đánh giá\tTuần {w}\n",
    "week_time": "Tuần\tThời gian\tCông việc\tNgười thực hiện\nTuần 2\tTháng 11/2025\tRà soát minh chứng\tTổ 1\n"
                 "Tuần {w}\tTháng {m}\tViết báo cáo tự đánh giá\tThư ký\n",
    "time_cell": "Thời gian\tCông việc\tNgười thực hiện\tKết quả\nTuần 2 tháng 11/2025\tRà soát minh chứng\tTổ 1\t"
                 "Bảng minh chứng\nTuần {w} tháng {m}\tViết báo cáo tự đánh giá\tThư ký\tDự thảo báo cáo\n",
    "lines": "+ Tuần 2 tháng 11/2025: rà soát minh chứng.\n\n+ Tuần {w} tháng {m} – viết báo cáo tự đánh giá.\n",
}


def codes(body: str, code: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.evidence) for f in run(plan_from_text(HEAD + body), select=[code])]


@pytest.mark.parametrize("shape", SHAPES)
def test_sixth_week_found_in_every_shape(shape: str) -> None:
    found = codes(SHAPES[shape].format(w=6, m="12/2025"), "KC160")
    assert len(found) == 1 and found[0][0] == "error" and "6" in found[0][1], found
    assert codes(SHAPES[shape].format(w=5, m="12/2025"), "KC160") == []


@pytest.mark.parametrize("shape", SHAPES)
def test_week_is_not_also_an_impossible_date(shape: str) -> None:
    assert codes(SHAPES[shape].format(w=6, m="12/2025"), "KC105") == []


def test_week_of_a_four_week_month() -> None:
    # February 2027 starts on a Monday: four weeks.
    body = HEAD.replace("2025-2026", "2026-2027") + SHAPES["month_week"].format(w=5, m="2/2027")
    assert [f.evidence for f in run(plan_from_text(body), select=["KC160"])] == ["Tuần 5"]


@pytest.mark.parametrize("shape", SHAPES)
def test_schedule_month_after_the_school_year(shape: str) -> None:
    found = codes(SHAPES[shape].format(w=1, m="9/2027"), "KC106")
    assert len(found) == 1 and "9/2027" in found[0][1] and found[0][0] == "warning", found
    assert codes(SHAPES[shape].format(w=1, m="5/2026"), "KC106") == []


def test_a_sentence_that_only_mentions_a_month_is_not_a_schedule_line() -> None:
    body = "Tháng 9/2027 trường sẽ đón đoàn đánh giá ngoài nếu đủ điều kiện.\n"
    assert codes(body, "KC106") == []


def test_no_week_marks_only_missing_weeks() -> None:
    assert [e.no_week for e in find_date_exprs("tuần 6 tháng 11/2025, tuần 7, tuần 2 tháng 11/2025")] == [6, 7, None]
