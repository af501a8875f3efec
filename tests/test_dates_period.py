"""KC106 on times written where the plan's shapes hide them (issue 15): a month pair sharing one year in a time
field ('10-11/2027'), and a table column named after the event it dates ('Đánh giá ngoài dự kiến', 'Hạn nộp
hồ sơ') whose every cell is a date. A month after the school year's end by less than a year is info; by more,
a warning; the corrected twins and the columns that only look similar stay silent."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import plan_from_text, run

from kclint.dates import DateKind, SchoolYear, find_date_exprs, parse_date_expr

SY = SchoolYear(2026, 2027, "2026-2027")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("10-11/2027", date(2027, 10, 1), date(2027, 11, 30)),
    ("02 – 03/2027", date(2027, 2, 1), date(2027, 3, 31)),
    ("12-01/2027", date(2026, 12, 1), date(2027, 1, 31)),
])
def test_month_pair_with_one_year_in_a_field(text: str, start: date, end: date) -> None:
    expr = parse_date_expr(text, SY)
    assert expr is not None and (expr.text, expr.kind, expr.start, expr.end) == (text, DateKind.RANGE, start, end)


@pytest.mark.parametrize("text", ["Thông tư 10-11/2027", "đạt 10-11/2027 chỉ tiêu", "ngày 10-11/2027"])
def test_month_pair_is_not_read_in_running_text_or_after_ngay(text: str) -> None:
    assert [e for e in find_date_exprs(text, SY) if "10-11" in e.text] == []
    assert [e.text for e in find_date_exprs("ngày 10-11/2027", SY, in_field=True)] == []


HEAD = ("Số: 30/KH-THAL\n\nAn Lạc, ngày 05 tháng 10 năm 2026\n\nKẾ HOẠCH\n"
        "Cải tiến chất lượng giáo dục năm học 2026-2027\n\nIII. NỘI DUNG CẢI TIẾN CHẤT LƯỢNG\n\n")
PAIR_SHAPES = {
    "schedule": "Thời gian\tTiêu chí\tNgười thực hiện\tNội dung công việc\n"
                "{t}\tTiêu chí 5.3: Hoạt động giáo dục khác\tTổng phụ trách Đội\tTổ chức ngày hội đọc sách\n",
    "table6": "STT\tTiêu chí\tHạn chế\tGiải pháp\tNgười phụ trách\tThời gian thực hiện\n"
              "1\tTiêu chí 5.3. Hoạt động giáo dục khác\tÍt hoạt động\tTổ chức ngày hội đọc sách\t"
              "Tổng phụ trách Đội\t{t}\n",
    "field": "Tiêu chí 5.3: Hoạt động giáo dục khác\n\nMục tiêu: Đạt Mức 3\n\nThời gian thực hiện: {t}\n",
    "plus": "* TC 5.3 – Hoạt động giáo dục khác\n\n+ Chỉ tiêu: Đạt Mức 3\n\n+ Thời gian: {t}\n",
}


def kc106(body: str, head: str = HEAD) -> list[tuple[str, str | None]]:
    return [(f.severity.value, f.evidence) for f in run(plan_from_text(head + body), select=["KC106"])]


@pytest.mark.parametrize("shape", PAIR_SHAPES)
def test_month_pair_after_the_school_year(shape: str) -> None:
    assert kc106(PAIR_SHAPES[shape].format(t="10-11/2027")) == [("info", "10-11/2027")]
    assert kc106(PAIR_SHAPES[shape].format(t="10-11/2028")) == [("warning", "10-11/2028")]
    assert kc106(PAIR_SHAPES[shape].format(t="04-05/2027")) == []


HEAD_2425 = ("Số: 08/KH-PGDĐT\n\nThuận An, ngày 18 tháng 02 năm 2025\n\nKẾ HOẠCH\n"
             "Kiểm định chất lượng giáo dục học kỳ II năm học 2024-2025\n\n2. Đăng ký đánh giá ngoài\n\n")


def _register(header: str, last: str) -> str:
    return (f"TT\tĐơn vị\tNội dung đề nghị\t{header}\n"
            "1\tTrường Mầm non Sao Mai\tCông nhận đạt KĐCL cấp độ 2\ttháng 4/2025\n"
            "2\tTrường Tiểu học An Phú\tCông nhận lại đạt KĐCL cấp độ 3\tđầu tháng 5/2025\n"
            f"3\tTrường THCS Bình Minh\tCông nhận đạt chuẩn quốc gia mức độ 1\t{last}\n")


@pytest.mark.parametrize("header", ["Đánh giá ngoài dự kiến", "Thời điểm dự kiến đánh giá", "Hạn nộp hồ sơ"])
def test_planned_event_column_is_a_time_column(header: str) -> None:
    assert kc106(_register(header, "tháng 10/2025"), HEAD_2425) == [("info", "tháng 10/2025")]
    assert kc106(_register(header, "tháng 6/2025"), HEAD_2425) == []


@pytest.mark.parametrize("header", ["Ngày ban hành", "Hạn chế", "Kết quả năm 2023"])
def test_other_columns_of_dates_stay_unjudged(header: str) -> None:
    assert kc106(_register(header, "tháng 10/2025"), HEAD_2425) == []


def test_a_planned_column_with_other_cells_is_not_a_time_column() -> None:
    body = ("TT\tNội dung\tKinh phí dự kiến\n1\tSửa mái phòng học\t20 triệu đồng\n"
            "2\tMua sách thư viện\tXã hội hóa, tháng 10/2025\n")
    assert kc106(body, HEAD_2425) == []
