"""KC101 on a range whose first end has no year and whose other end is dated (issue 15): the first end borrows
the latest year that keeps the range in order only when the plan's school year agrees. A teaching month
(September to May) the plan's school year places after the end makes the range run backwards; without a school
year, with an end outside it, or for a summer month, the range stands and nothing is claimed."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

from kclint.dates import DateKind, SchoolYear, find_date_exprs

SY_2526 = SchoolYear(2025, 2026, "2025-2026")
SY_2425 = SchoolYear(2024, 2025, "2024-2025")


@pytest.mark.parametrize(("text", "sy"), [
    ("từ tháng 12 đến tháng 10 năm 2025", SY_2526),
    ("tháng 11 – tháng 9/2025", SY_2526),
    ("từ ngày 14/4 đến ngày 04/4/2025", SY_2425),
    ("Từ 20/3 - 10/3/2026", SY_2526),
    ("từ ngày 12/12 đến ngày 08/12/2025", SY_2526),
])
def test_school_year_places_the_first_end_after_the_last(text: str, sy: SchoolYear) -> None:
    [expr] = find_date_exprs(text, sy)
    assert expr.kind == DateKind.RANGE and expr.backwards and expr.text == text


@pytest.mark.parametrize(("text", "sy", "start"), [
    # September belongs to the school year's first calendar year: in order.
    ("từ tháng 9 đến tháng 5 năm 2026", SY_2526, (2025, 9, 1)),
    ("từ tháng 12 đến tháng 3/2026", SY_2526, (2025, 12, 1)),
    # No school year to say otherwise: borrowing stands.
    ("từ tháng 12 đến tháng 10 năm 2025", None, (2024, 12, 1)),
    # The end is outside the plan's school year (a past year's result, another plan's work): cannot decide.
    ("từ tháng 12 đến tháng 3 năm 2025", SY_2526, (2024, 12, 1)),
    ("từ tháng 9 đến tháng 5 năm 2026", SchoolYear(2026, 2027, "2026-2027"), (2025, 9, 1)),
    # A summer month may be the summer before the school year: not claimed.
    ("từ tháng 6 đến tháng 9/2025", SY_2526, (2025, 6, 1)),
])
def test_borrowing_stands_where_the_school_year_does_not_contradict_it(
        text: str, sy: SchoolYear | None, start: tuple[int, int, int]) -> None:
    [expr] = find_date_exprs(text, sy)
    assert not expr.backwards and expr.start is not None and expr.start.timetuple()[:3] == start


HEAD = ("Số: 14/KH-THAL\n\nAn Lạc, ngày 06 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
        "Cải tiến chất lượng giáo dục năm học 2025-2026\n\nIII. NỘI DUNG CẢI TIẾN CHẤT LƯỢNG\n\n")
ITEM = "Tiêu chí 3.3: Khu vệ sinh, hệ thống cấp thoát nước\n\nMục tiêu: Đạt Mức 3\n\n"
# The same range written in a labelled field, a 6-column table row, a schedule row and a sentence.
SHAPES = {
    "field": ITEM + "Thời gian thực hiện: {r}.\n",
    "plus": "* TC 3.3 – Khu vệ sinh, hệ thống cấp thoát nước\n\n+ Chỉ tiêu: Đạt Mức 3\n\n+ Thời gian: {r}\n",
    "table6": "STT\tTiêu chí\tHạn chế\tGiải pháp\tNgười phụ trách\tThời gian thực hiện\n"
              "1\tTiêu chí 3.3. Khu vệ sinh\tNhà vệ sinh xuống cấp\tSửa chữa nhà vệ sinh\tHiệu trưởng\t{r}\n",
    "schedule": "Thời gian\tCông việc\tNgười thực hiện\tKết quả\n{r}\tSửa chữa nhà vệ sinh khối 2\tHiệu trưởng\t"
                "Biên bản nghiệm thu\n",
    "prose": "Nhà trường sửa chữa nhà vệ sinh khối 2, thực hiện {r}, kinh phí dự kiến 20 triệu đồng.\n",
}


def kc101(shape: str, r: str, head: str = HEAD) -> list[str | None]:
    return [f.evidence for f in run(plan_from_text(head + SHAPES[shape].format(r=r)), select=["KC101"])]


@pytest.mark.parametrize("shape", SHAPES)
def test_backwards_range_found_in_every_shape(shape: str) -> None:
    assert kc101(shape, "từ tháng 12 đến tháng 10/2025") == ["từ tháng 12 đến tháng 10/2025"]
    assert kc101(shape, "từ ngày 24/11 đến ngày 10/11/2025") == ["từ ngày 24/11 đến ngày 10/11/2025"]


@pytest.mark.parametrize("shape", SHAPES)
def test_ranges_in_school_year_order_stay_silent(shape: str) -> None:
    for r in ("từ tháng 9 đến tháng 5/2026", "từ tháng 12 đến tháng 4/2026", "từ ngày 10/11 đến ngày 24/11/2025",
              "từ tháng 6 đến tháng 9/2025"):
        assert kc101(shape, r) == [], r


@pytest.mark.parametrize("shape", SHAPES)
def test_a_cycle_plan_cannot_decide(shape: str) -> None:
    head = HEAD.replace("năm học 2025-2026", "giai đoạn 2025-2030")
    assert kc101(shape, "từ tháng 12 đến tháng 10/2026", head) == []
