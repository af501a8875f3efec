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


# KC162: a week and its own days. November 2025 opens on a Saturday (10-16/11 is week 3 counting the
# partial first week, week 2 counting from the first Monday); December 2025 opens on a Monday.
WEEK_DAYS = {
    "time_cell": "Thời gian\tCông việc\tNgười thực hiện\tKết quả\n{week} ({days})\tRà soát minh chứng\tTổ 1\t"
                 "Bảng minh chứng\n",
    "month_task_time": "Tháng\tNội dung\tMốc thời gian\n11\t- Rà soát minh chứng.\t{week} ({days})\n",
    "lines": "- {week} ({days}): rà soát minh chứng.\n",
    "colon": "+ {week}: {days} – rà soát minh chứng.\n",
    "prose": "Nhà trường rà soát minh chứng trong {week} ({days}) và báo cáo Hội đồng.\n",
}


def kc162(shape: str, week: str, days: str) -> list[tuple[str, str]]:
    return codes(WEEK_DAYS[shape].format(week=week, days=days), "KC162")


@pytest.mark.parametrize("shape", WEEK_DAYS)
def test_week_number_against_its_days(shape: str) -> None:
    found = kc162(shape, "Tuần 1 tháng 11/2025", "từ 17/11 đến 23/11/2025")
    assert found == [("warning", found[0][1])] and "17/11" in found[0][1] and "Tuần 1" in found[0][1], found
    for week in ("Tuần 2 tháng 11/2025", "Tuần 3 tháng 11/2025", "tuần 3 tháng 11"):  # both counts are used
        assert kc162(shape, week, "từ 10/11 đến 16/11/2025") == [], week
    assert kc162(shape, "Tuần 2 tháng 12/2025", "08/12–14/12/2025") == []


@pytest.mark.parametrize("shape", WEEK_DAYS)
def test_days_of_another_month_or_more_than_a_week(shape: str) -> None:
    other = kc162(shape, "Tuần 3 tháng 11/2025", "từ 15/12 đến 21/12/2025")
    assert [s for s, _ in other] == ["warning"] and "15/12" in other[0][1], other
    long = kc162(shape, "Tuần 3 tháng 11/2025", "từ 10/11 đến 18/11/2025")
    assert [s for s, _ in long] == ["warning"] and "18/11" in long[0][1], long
    # A partial week (Monday to Friday, or the last days of a month) is still one week.
    assert kc162(shape, "Tuần 4 tháng 11/2025", "từ 17/11 đến 21/11/2025") == []
    assert kc162(shape, "Tuần 1 tháng 10/2025", "01/10-05/10/2025") == []


def test_week_without_its_month_is_only_info() -> None:
    # 'Tuần 6 (…)' may count the school year's weeks: the plan does not say which count it uses.
    assert [s for s, _ in kc162("lines", "Tuần 6", "06/10-12/10/2025")] == ["info"]
    assert kc162("lines", "Tuần 12", "17/11-23/11/2025") == []
    assert kc162("lines", "Tuần 2", "06/10-12/10/2025") == []


def test_week_and_days_in_different_cells() -> None:
    body = ("Tuần\tThời gian\tCông việc\tNgười thực hiện\nTuần 2\ttừ ngày 10/11/2025 đến ngày 16/11/2025\t"
            "Rà soát minh chứng\tTổ 1\nTuần {w}\t{days}\tViết báo cáo\tThư ký\n")
    assert codes(body.format(w=2, days="từ ngày 01/12/2025 đến ngày 07/12/2025"), "KC162") == [
        ("info", "từ ngày 01/12/2025 đến ngày 07/12/2025")]
    assert codes(body.format(w=1, days="từ ngày 01/12/2025 đến ngày 09/12/2025"), "KC162")[0][0] == "warning"
    assert codes(body.format(w=1, days="từ ngày 01/12/2025 đến ngày 07/12/2025"), "KC162") == []
    assert codes(body.format(w=1, days="Tháng 12/2025"), "KC162") == []


@pytest.mark.parametrize("text, week, span", [
    ("Tuần 3 (từ 17/11 đến 23/11/2025)", 3, ("2025-11-17", "2025-11-23")),
    ("tuần 2 tháng 12: 08/12–14/12/2025", 2, ("2025-12-08", "2025-12-14")),
    ("Tuần 4 (24/11-30/11/2025)", 4, ("2025-11-24", "2025-11-30")),
    ("Tuần 12 (từ 17/11 đến 23/11/2025)", None, ("2025-11-17", "2025-11-23")),  # a school-year week
])
def test_week_with_its_days_is_one_expression(text: str, week: int | None, span: tuple[str, str]) -> None:
    [expr] = find_date_exprs(text)
    assert (expr.week, expr.start.isoformat(), expr.end.isoformat()) == (week, *span)
    assert expr.text.rstrip(")") == text.rstrip(")")


# KC161 wherever a plan times a task: the plan is issued 06/10/2025; {d} is the task's deadline.
DEADLINE_SHAPES = {
    "schedule_table": "Thời gian\tCông việc\tNgười thực hiện\tKết quả\n{d}\tKiện toàn Hội đồng tự đánh giá\t"
                      "Hiệu trưởng\tQuyết định\nTháng 12/2025\tViết báo cáo\tThư ký\tDự thảo\n",
    "task_table_last_column": "TT\tNội dung\tPhụ trách\tThời gian hoàn thành\n"
                              "1\tRà soát hồ sơ lớp học\tTổ trưởng\t{d}\n",
    "plus": "* Rà soát hồ sơ lớp học\n\n+ Người thực hiện: tổ trưởng\n\n+ Thời gian: {d}\n",
    "prose": "Tổ chuyên môn rà soát hồ sơ lớp học, thực hiện {d}, báo cáo Hiệu trưởng.\n",
    "schedule_line": "- {d}: rà soát hồ sơ lớp học của các tổ.\n",
}
BEFORE = {"schedule_table": "Trước ngày 26/9/2025", "task_table_last_column": "T9/2025",
          "plus": "tháng 8/2025 – tháng 9/2025", "prose": "từ tháng 8/2025 đến tháng 9/2025",
          "schedule_line": "Tháng 9/2025"}
AFTER = {"schedule_table": "Trước ngày 26/10/2025", "task_table_last_column": "T11/2025",
         "plus": "tháng 10/2025 – tháng 11/2025", "prose": "từ tháng 10/2025 đến tháng 11/2025",
         "schedule_line": "Tháng 11/2025"}


@pytest.mark.parametrize("shape", DEADLINE_SHAPES)
def test_deadline_before_issue_in_every_layout(shape: str) -> None:
    found = codes(DEADLINE_SHAPES[shape].format(d=BEFORE[shape]), "KC161")
    assert len(found) == 1 and found[0][0] == "warning", found
    assert found[0][1] in BEFORE[shape] and "9/2025" in found[0][1]
    assert codes(DEADLINE_SHAPES[shape].format(d=AFTER[shape]), "KC161") == []


def test_step_the_plan_cites_as_done_is_not_a_deadline() -> None:
    """The council founded 29/9-03/10 by a decision of 02/10 the plan rests on: history, not a deadline."""
    row = DEADLINE_SHAPES["schedule_table"].format(d="Từ 29/9/2025 đến 03/10/2025")
    cited = ("Căn cứ Quyết định số 45/QĐ-THCSLV ngày 02/10/2025 của Hiệu trưởng về việc thành lập Hội đồng "
             "tự đánh giá;\n\n")
    head, tail = HEAD.split("V. TIẾN ĐỘ")
    assert [f.evidence for f in run(plan_from_text(head + cited + "V. TIẾN ĐỘ" + tail + row),
                                    select=["KC161"])] == []
    assert codes(row, "KC161") == [("warning", "03/10/2025")]


def test_earlier_school_year_is_left_to_kc106() -> None:
    """A range wholly before the plan's school year (a recalled year, or a wrong year) is KC106's alone."""
    body = DEADLINE_SHAPES["prose"].format(d="từ tháng 9/2024 đến tháng 5/2025")
    assert codes(body, "KC161") == []
    assert codes(body, "KC106")


# Vague and out-of-period deadlines in running text and schedule cells (the plan's year is 2025-2026).
@pytest.mark.parametrize(("body", "code", "severity", "evidence"), [
    ("Tổ chuyên môn rà soát hồ sơ, Phó Hiệu trưởng chủ trì, hoàn thành trong năm học.\n", "KC107", "warning",
     "trong năm học"),
    ("Nhân viên thiết bị mua bổ sung máy tính, hoàn thành trong tháng 10/2026.\n", "KC106", "info", "tháng 10/2026"),
    ("Tháng\tNội dung công việc\tTuần\nTháng 12/2025\tViết phiếu đánh giá tiêu chí\tTrong tháng\n", "KC107", "info",
     "Trong tháng"),
    ("Thời gian\tCông việc\tNgười thực hiện\nTrong tháng\tViết phiếu đánh giá tiêu chí\tCác nhóm\n", "KC107",
     "warning", "Trong tháng"),
])
def test_vague_or_outside_deadline_found(body: str, code: str, severity: str, evidence: str) -> None:
    assert codes(body, code) == [(severity, evidence)]


@pytest.mark.parametrize("body", [
    "Tổ chuyên môn rà soát hồ sơ, Phó Hiệu trưởng chủ trì, hoàn thành trong tháng 4/2026.\n",
    # a responsibility, not a deadline: 'thực hiện' schedules nothing vague
    "Hiệu trưởng phụ trách chung, tổ chức đánh giá kết quả thực hiện trong năm học.\n",
    # results: done, or a sentence framed by an earlier school year
    "Nhà trường đã hoàn thành trong tháng 8/2025 việc sửa chữa phòng học.\n",
    "Cuối năm học 2024-2025, 06 học sinh được rèn luyện trong hè và hoàn thành vào tháng 8/2025.\n",
])
def test_deadline_twins_stay_silent(body: str) -> None:
    for code in ("KC106", "KC107", "KC161"):
        assert [f for f in codes(body, code) if f[0] != "info"] == [], (code, body)


# A range from a date to no date: its end, the deadline, is vague ('Tháng 9/2025, thường xuyên' is a date and a
# rhythm, not a range, and stays silent).
@pytest.mark.parametrize(("body", "vague"), [
    ("Thời gian\tCông việc\tNgười thực hiện\nTháng 10/2025 – hàng năm\tRà soát hồ sơ\tTổ 1\n", "hàng năm"),
    ("+ Thời gian: từ tháng 11/2025 đến trong năm học.\n", "trong năm học"),
    ("Tổ chuyên môn rà soát hồ sơ, thực hiện từ tháng 10/2025 đến hằng năm.\n", "hằng năm"),
])
def test_range_to_a_vague_end_found(body: str, vague: str) -> None:
    assert codes(body, "KC107") == [("warning", vague)]


@pytest.mark.parametrize("body", [
    "Thời gian\tCông việc\tNgười thực hiện\nTháng 10/2025, thường xuyên\tRà soát hồ sơ\tTổ 1\n",
    "Thời gian\tCông việc\tNgười thực hiện\nTháng 10/2025 – tháng 5/2026\tRà soát hồ sơ\tTổ 1\n",
    "Năm học 2024-2025 đến hàng năm nhà trường đều tổ chức hội thi.\n",
])
def test_range_to_a_dated_end_or_a_rhythm_silent(body: str) -> None:
    assert [f for f in codes(body, "KC107") if f[0] != "info"] == [], body


def test_task_about_an_earlier_year_keeps_its_deadline() -> None:
    """An earlier year as the object of the task, not its frame: the deadline is still judged."""
    body = "- Gửi báo cáo công khai năm học 2024-2025 trước ngày 25/9/2026 về Phòng GD&ĐT.\n"
    assert codes(body, "KC106") == [("info", "ngày 25/9/2026")]


# Start and end in fields of their own: a semester is reversed though HK I and HK II overlap in January.
@pytest.mark.parametrize(("start", "end", "found"), [
    ("Học kỳ II", "Học kỳ I", True), ("Học kỳ I", "Học kỳ II", False), ("Tháng 1/2026", "HK I", False),
    ("Học kỳ II", "Tháng 1/2026", False), ("Tháng 10/2025", "Học kỳ I", False),
])
def test_item_semester_order(start: str, end: str, found: bool) -> None:
    body = ("Tiêu chí 2.3: Đối với nhân viên\n\nMục tiêu: Đạt Mức 3\n\n"
            f"Thời gian bắt đầu: {start}\n\nThời gian hoàn thành: {end}\n")
    assert codes(body, "KC101") == ([("error", end)] if found else [])


# Weeks counted from the plan's own week 1 ('Tuần 13 - 16' is 12 weeks after week 1's Monday).
_PLAN_WEEKS = ("Tuần\tThời gian\tNội dung công việc\tNgười thực hiện\n"
               "Tuần 1\t06/10 - 10/10/2025\tHọp Hội đồng\tChủ tịch\n"
               "Tuần 2 - 4\t13/10 - 31/10/2025\tThu thập minh chứng\tCác nhóm\n"
               "Tuần 13 - 16\t{days}\tLấy ý kiến góp ý\tChủ tịch\n")


@pytest.mark.parametrize(("days", "found"), [
    ("29/12/2025 - 30/01/2026", [("warning", "29/12/2025 - 30/01/2026")]),
    ("05/01 - 30/01/2026", [("info", "05/01 - 30/01/2026")]),
    ("29/12/2025 - 23/01/2026", []), ("29/12/2025 - 25/01/2026", []),
])
def test_weeks_of_the_plan(days: str, found: list[tuple[str, str]]) -> None:
    assert codes(_PLAN_WEEKS.format(days=days), "KC162") == found


def test_weeks_of_the_month_are_not_the_plan_count() -> None:
    body = _PLAN_WEEKS.format(days="29/12/2025 - 30/01/2026").replace("Tuần 2 - 4", "Tuần 2 - 4 tháng 10")
    assert [f for f in codes(body, "KC162") if "30/01" in f[1]] == []
