"""Tests for kclint.dates: every written form plans use, malformed input, and properties."""

from __future__ import annotations

import calendar
import itertools
import time
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kclint.dates import (
    DateExpr,
    DateKind,
    FullDate,
    SchoolYear,
    find_date_exprs,
    find_full_dates,
    find_school_years,
    parse_date_expr,
    week_bounds,
    weeks_in_month,
)

D = date
K = DateKind
SY_2324 = SchoolYear(2023, 2024, "2023-2024")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def parse(text: str, sy: SchoolYear | None = None) -> DateExpr:
    expr = parse_date_expr(text, sy)
    assert expr is not None, text
    return expr


def assert_offsets(source: str, exprs: list[DateExpr]) -> None:
    for expr in exprs:
        assert source[expr.offset:expr.offset + len(expr.text)] == expr.text
        assert_offsets(source, list(expr.parts))


# ---------------------------------------------------------------------------------------------
# Bounded forms: (field text, kind, start, end)

BOUNDED = [
    # exact days, worded and numeric
    ("ngày 3 tháng 11 năm 2027", K.DAY, D(2027, 11, 3), D(2027, 11, 3)),
    ("Ngày 07 tháng 02 năm 2025", K.DAY, D(2025, 2, 7), D(2025, 2, 7)),
    ("NGÀY 30 THÁNG 4 NĂM 2026", K.DAY, D(2026, 4, 30), D(2026, 4, 30)),
    ("ngày 1, tháng 6, năm 2024", K.DAY, D(2024, 6, 1), D(2024, 6, 1)),
    ("21/11/2026", K.DAY, D(2026, 11, 21), D(2026, 11, 21)),
    ("04/3/2025", K.DAY, D(2025, 3, 4), D(2025, 3, 4)),
    ("ngày 09/01/2026", K.DAY, D(2026, 1, 9), D(2026, 1, 9)),
    ("Trước 15/5/2025", K.DAY, D(2025, 5, 15), D(2025, 5, 15)),
    ("hoàn thành trước ngày 30/9/2025", K.DAY, D(2025, 9, 30), D(2025, 9, 30)),
    ("29/02/2028", K.DAY, D(2028, 2, 29), D(2028, 2, 29)),
    ("6-12-2025", K.DAY, D(2025, 12, 6), D(2025, 12, 6)),
    # months
    ("Tháng 11/2025", K.MONTH, D(2025, 11, 1), D(2025, 11, 30)),
    ("tháng 2 năm 2026", K.MONTH, D(2026, 2, 1), D(2026, 2, 28)),
    ("Tháng 02/2028", K.MONTH, D(2028, 2, 1), D(2028, 2, 29)),
    ("Tháng 12/ 2025", K.MONTH, D(2025, 12, 1), D(2025, 12, 31)),
    ("tháng 04 năm 2026", K.MONTH, D(2026, 4, 1), D(2026, 4, 30)),
    ("T10/2025", K.MONTH, D(2025, 10, 1), D(2025, 10, 31)),
    ("thang 5/2026", K.MONTH, D(2026, 5, 1), D(2026, 5, 31)),
    ("Hoàn thành trước tháng 6/2026", K.MONTH, D(2026, 6, 1), D(2026, 6, 30)),
    # a whole field holding only the numbers
    ("10/2025", K.MONTH, D(2025, 10, 1), D(2025, 10, 31)),
    ("2026", K.YEAR, D(2026, 1, 1), D(2026, 12, 31)),
    # years, school years, cycles
    ("năm 2026", K.YEAR, D(2026, 1, 1), D(2026, 12, 31)),
    ("Năm học 2025-2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("năm học 2025 – 2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("2025 -2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("2024–2025", K.SCHOOL_YEAR, D(2024, 8, 1), D(2025, 8, 31)),
    ("NĂM HOC 2025 – 2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("năm học 2025/2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("Trong năm học 2025-2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("trong suốt năm học 2025-2026", K.SCHOOL_YEAR, D(2025, 8, 1), D(2026, 8, 31)),
    ("Giai đoạn 2025-2028", K.CYCLE, D(2025, 1, 1), D(2028, 12, 31)),
    ("chu kỳ 2021 - 2026", K.CYCLE, D(2021, 1, 1), D(2026, 12, 31)),
    ("chu kì 2021-2026", K.CYCLE, D(2021, 1, 1), D(2026, 12, 31)),
    ("giai đoạn từ năm 2020 đến năm 2025", K.CYCLE, D(2020, 1, 1), D(2025, 12, 31)),
    ("năm 2021-2025", K.CYCLE, D(2021, 1, 1), D(2025, 12, 31)),
    # ranges and conjunctions
    ("từ tháng 11 đến tháng 2/2026", K.RANGE, D(2025, 11, 1), D(2026, 2, 28)),
    ("Từ ngày 02/12/2025 đến ngày 20/01/2026", K.RANGE, D(2025, 12, 2), D(2026, 1, 20)),
    ("Tháng 9/2025 - tháng 5/2026", K.RANGE, D(2025, 9, 1), D(2026, 5, 31)),
    ("từ tháng 9/2025 đến tháng 1", K.RANGE, D(2025, 9, 1), D(2026, 1, 31)),
    ("Tháng 4/2025 và Năm học 2025-2026", K.RANGE, D(2025, 4, 1), D(2026, 8, 31)),
    ("Năm học 2025-2026 và tháng 4/2025", K.RANGE, D(2025, 4, 1), D(2026, 8, 31)),
    ("từ năm học 2021-2022 đến năm học 2024-2025", K.RANGE, D(2021, 8, 1), D(2025, 8, 31)),
    ("Tháng 10-12/2025", K.RANGE, D(2025, 10, 1), D(2025, 12, 31)),
    ("tháng 10, 11/2025", K.RANGE, D(2025, 10, 1), D(2025, 11, 30)),
    ("tháng 12, 1, 2/2026", K.RANGE, D(2025, 12, 1), D(2026, 2, 28)),
    # weeks of a month (Monday-started, clipped to the month)
    ("Tuần 1 tháng 5/2024", K.RANGE, D(2024, 5, 1), D(2024, 5, 5)),
    ("tuần 5 tháng 5/2024", K.RANGE, D(2024, 5, 27), D(2024, 5, 31)),
    ("Tuần 2, 3 tháng 5/2024", K.RANGE, D(2024, 5, 6), D(2024, 5, 19)),
]


@pytest.mark.parametrize(("text", "kind", "start", "end"), BOUNDED, ids=[c[0] for c in BOUNDED])
def test_bounded_forms(text: str, kind: DateKind, start: date, end: date) -> None:
    expr = parse(text)
    assert (expr.kind, expr.start, expr.end) == (kind, start, end)
    assert expr.bounded
    assert_offsets(text, [expr])


@pytest.mark.parametrize(("text", "kind", "start", "end"), BOUNDED, ids=[c[0] for c in BOUNDED])
def test_bounded_forms_nfd(text: str, kind: DateKind, start: date, end: date) -> None:
    source = nfd(text)
    expr = parse(source)
    assert (expr.kind, expr.start, expr.end) == (kind, start, end)
    assert_offsets(source, [expr])


def test_prefix_words_stay_outside_the_quoted_text() -> None:
    # Callers read the words before an expression (deadline cues, "năm học") themselves.
    assert parse("Trước 15/5/2025").text == "15/5/2025"
    assert parse("trước ngày 30/9/2025").text == "ngày 30/9/2025"
    assert parse("Trong năm học 2025-2026").text == "năm học 2025-2026"


# ---------------------------------------------------------------------------------------------
# Months without a year


@pytest.mark.parametrize(("text", "start", "end"), [
    ("tháng 10", D(2023, 10, 1), D(2023, 10, 31)),
    ("Tháng 12", D(2023, 12, 1), D(2023, 12, 31)),
    ("tháng 9", D(2023, 9, 1), D(2023, 9, 30)),
    ("Tháng 2", D(2024, 2, 1), D(2024, 2, 29)),
    ("tháng 8", D(2024, 8, 1), D(2024, 8, 31)),
    ("Trong tháng 1", D(2024, 1, 1), D(2024, 1, 31)),
    ("ngày 20/11", D(2023, 11, 20), D(2023, 11, 20)),
    ("ngày 8 tháng 3", D(2024, 3, 8), D(2024, 3, 8)),
    ("từ tháng 9 đến tháng 12", D(2023, 9, 1), D(2023, 12, 31)),
    ("từ tháng 10 đến tháng 4", D(2023, 10, 1), D(2024, 4, 30)),
    ("Tháng 9, 10", D(2023, 9, 1), D(2023, 10, 31)),
])
def test_bare_month_placed_by_school_year(text: str, start: date, end: date) -> None:
    expr = parse(text, SY_2324)
    assert (expr.start, expr.end) == (start, end)
    assert expr.kind in (K.MONTH, K.DAY, K.RANGE)


def test_named_school_year_places_month_over_context() -> None:
    expr = parse("tháng 11 năm học 2021-2022", SY_2324)
    assert (expr.kind, expr.start, expr.end) == (K.MONTH, D(2021, 11, 1), D(2021, 11, 30))
    assert expr.text == "tháng 11 năm học 2021-2022"


@pytest.mark.parametrize("text", ["tháng 11", "Tháng 3", "ngày 20/11", "từ tháng 10 đến tháng 3"])
def test_bare_month_without_school_year_is_partial(text: str) -> None:
    expr = parse(text)
    assert expr.kind == K.PARTIAL
    assert not expr.bounded
    assert expr.reason_vi and expr.reason_en


def test_invalid_school_year_does_not_place_months() -> None:
    assert parse("tháng 11", SchoolYear(2024, 2023, "2024-2023")).kind == K.PARTIAL


# ---------------------------------------------------------------------------------------------
# Ranges


def test_range_takes_latest_year_keeping_order() -> None:
    expr = parse("từ tháng 10 đến tháng 3/2026")
    assert (expr.kind, expr.start, expr.end) == (K.RANGE, D(2025, 10, 1), D(2026, 3, 31))
    assert [p.text for p in expr.parts] == ["tháng 10", "tháng 3/2026"]
    assert expr.text == "từ tháng 10 đến tháng 3/2026"


def test_range_in_same_year_stays_in_that_year() -> None:
    expr = parse("từ tháng 2 đến tháng 5/2026")
    assert (expr.start, expr.end) == (D(2026, 2, 1), D(2026, 5, 31))


def test_range_ending_before_start_keeps_parts_but_no_bounds() -> None:
    expr = parse("từ tháng 11/2025 đến tháng 4/2025")
    assert expr.kind == K.RANGE
    assert not expr.bounded
    assert expr.reason_vi and expr.reason_en
    first, last = expr.parts
    assert last.end is not None and first.start is not None and last.end < first.start


def test_range_with_malformed_school_year_is_malformed() -> None:
    text = "giai đoạn từ năm học 2014 - 2025 đến năm học 2018 - 2019"
    expr = parse(text)
    assert expr.kind == K.MALFORMED
    assert "2014" in (expr.reason_en or "")
    assert expr.parts[0].kind == K.MALFORMED and expr.parts[1].kind == K.SCHOOL_YEAR


def test_conjunction_keeps_parts() -> None:
    expr = parse("Tháng 4/2025 và Năm học 2025-2026")
    assert [p.kind for p in expr.parts] == [K.MONTH, K.SCHOOL_YEAR]


# ---------------------------------------------------------------------------------------------
# Vague, recurring, open-ended, partial


@pytest.mark.parametrize("text", [
    "Hàng năm", "Hằng năm", "hàng tháng", "Trong năm học", "Trong năm", "Trong tháng", "Thường xuyên",
    "Cả năm", "Suốt năm học", "Định kỳ", "cuối năm học", "những năm tiếp theo", "mỗi năm học",
])
def test_vague(text: str) -> None:
    for source in (text, nfd(text), text.upper()):
        expr = parse(source)
        assert expr.kind == K.VAGUE, source
        assert (expr.start, expr.end) == (None, None)
        assert expr.reason_vi and expr.reason_en
        assert expr.text == source


@pytest.mark.parametrize("text", ["Tháng 9,10 hàng năm", "tháng 5 hằng năm", "Hàng năm vào tháng 12"])
def test_recurring(text: str) -> None:
    expr = parse(text)
    assert expr.kind == K.RECURRING
    assert not expr.bounded
    assert expr.text == text


@pytest.mark.parametrize(("text", "start"), [
    ("năm học 2025-2026 và những năm tiếp theo", D(2025, 8, 1)),
    ("Năm học 2025–2026 và các năm học tiếp theo", D(2025, 8, 1)),
    ("Từ năm 2024-2025, và những năm tiếp theo", D(2024, 8, 1)),
    ("từ tháng 9/2025 trở đi", D(2025, 9, 1)),
    ("Từ năm 2021 đến nay", D(2021, 1, 1)),
])
def test_open_ended(text: str, start: date) -> None:
    expr = parse(text)
    assert (expr.kind, expr.start, expr.end) == (K.OPEN_ENDED, start, None)
    assert expr.text == text
    assert expr.parts and expr.parts[0].start == start


@pytest.mark.parametrize("text", ["Tuần 3", "tuần 2, 3", "Tuần thứ 4"])
def test_week_without_month_is_partial(text: str) -> None:
    expr = parse(text)
    assert expr.kind == K.PARTIAL
    assert expr.text == text


def test_blank_issue_date_is_partial_with_year_bounds() -> None:
    expr = parse("ngày    tháng    năm 2025")
    assert (expr.kind, expr.start, expr.end) == (K.PARTIAL, D(2025, 1, 1), D(2025, 12, 31))


@pytest.mark.parametrize("text", ["", "   ", "Hiệu trưởng", "Thông tư 36/2017/TT-BGDĐT", "1 triệu /tháng",
                                  "Số: 52/KH-MNAB", "3 tháng", "10.000.000"])
def test_no_date(text: str) -> None:
    assert parse_date_expr(text) is None


# ---------------------------------------------------------------------------------------------
# Malformed: reported with a reason, never raised


@pytest.mark.parametrize(("text", "needle"), [
    ("31/02/2024", "31"),
    ("30/2/2025", "30"),
    ("29/02/2025", "29"),
    ("32/1/2024", "32"),
    ("0/5/2025", "0"),
    ("tháng 13", "13"),
    ("Tháng 0/2025", "0"),
    ("tháng 14/2025", "14"),
    ("T13/2025", "13"),
    ("ngày 99 tháng 99 năm 99999", "99999"),
    ("ngày 31 tháng 4 năm 2025", "31"),
    ("năm 1850", "1850"),
    ("năm 2150", "2150"),
    ("12/10/1850", "1850"),
    ("2016 - 2027", "2016"),
    ("2024-2023", "2024"),
    ("Năm học 2025-2025", "2025"),
    ("năm học 3025-3026", "3025"),
    ("giai đoạn 2026-2021", "2026"),
    ("tuần 6 tháng 5/2024", "6"),
    ("Tuần 5 tháng 2/2021", "5"),
    ("tuần 9", "9"),
    ("ngày 31/4", "31"),
    ("Tháng 9,13 hàng năm", "13"),
    ("tháng 9, 14/2025", "14"),
])
def test_malformed(text: str, needle: str) -> None:
    expr = parse(text)
    assert expr.kind == K.MALFORMED, expr
    assert not expr.bounded
    assert expr.reason_vi and expr.reason_en
    assert needle in expr.reason_en or needle in expr.reason_vi
    assert expr.text == text


# ---------------------------------------------------------------------------------------------
# Running text


def test_find_date_exprs_in_running_text() -> None:
    text = ("Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018; kế hoạch năm học 2025-2026 "
            "hoàn thành trước ngày 30/9/2025, báo cáo tháng 12/2025, thi từ ngày 03/11/2025 đến ngày "
            "28/11/2025. Thường xuyên kiểm tra.")
    exprs = find_date_exprs(text)
    assert [e.kind for e in exprs] == [K.DAY, K.SCHOOL_YEAR, K.DAY, K.MONTH, K.RANGE, K.VAGUE]
    assert [e.text for e in exprs] == [
        "ngày 22 tháng 8 năm 2018", "năm học 2025-2026", "ngày 30/9/2025", "tháng 12/2025",
        "từ ngày 03/11/2025 đến ngày 28/11/2025", "Thường xuyên",
    ]
    assert_offsets(text, exprs)
    assert [e.offset for e in exprs] == sorted(e.offset for e in exprs)


def test_longest_match_wins() -> None:
    [expr] = find_date_exprs("ngày 5 tháng 9 năm 2025")
    assert expr.kind == K.DAY
    [expr] = find_date_exprs("Giai đoạn 2024-2025")
    assert expr.kind == K.CYCLE


def test_circular_numbers_are_not_dates() -> None:
    assert find_date_exprs("Thông tư 19/2018/TT-BGDĐT và Thông tư 36/2017, Công văn 5942/BGDĐT-QLCL") == []


def test_school_year_passed_to_running_text() -> None:
    [expr] = find_date_exprs("Họp phụ huynh vào tháng 10.", SY_2324)
    assert (expr.kind, expr.start) == (K.MONTH, D(2023, 10, 1))


def test_nfd_and_nfc_agree() -> None:
    text = "Từ ngày 16/10/2025 đến ngày 25/11/2025; Hằng năm; tháng 9 năm học 2025-2026; chu kỳ 2022 - 2027."
    source = nfd(text)
    a, b = find_date_exprs(text), find_date_exprs(source)
    assert [(e.kind, e.start, e.end) for e in a] == [(e.kind, e.start, e.end) for e in b]
    assert [unicodedata.normalize("NFC", e.text) for e in b] == [e.text for e in a]
    assert_offsets(source, b)


# ---------------------------------------------------------------------------------------------
# School years and full dates


def test_find_school_years() -> None:
    text = ("Báo cáo năm học 2016 - 2027 và 2022–2023; giai đoạn 2023-2026; Năm học 2025/2026; "
            "kinh phí 1000-2000; 2024-2023.")
    found = find_school_years(text)
    assert [(s.first, s.second, s.text, s.valid) for s in found] == [
        (2016, 2027, "2016 - 2027", False),
        (2022, 2023, "2022–2023", True),
        (2023, 2026, "2023-2026", False),
        (2025, 2026, "2025/2026", True),
        (2024, 2023, "2024-2023", False),
    ]
    for sy in found:
        assert text[sy.offset:sy.offset + len(sy.text)] == sy.text


def test_school_year_bounds() -> None:
    sy = SchoolYear(2025, 2026, "2025-2026")
    assert (sy.start, sy.end, sy.valid) == (D(2025, 8, 1), D(2026, 8, 31), True)
    assert not SchoolYear(2025, 2027, "").valid


def test_find_full_dates_keeps_digits_as_written() -> None:
    text = "An Phú, ngày 05 tháng 02 năm 2026. Văn bản số 12/KH ngày 08/9/2025; hạn 31/02/2026."
    found = find_full_dates(text)
    assert found == [
        FullDate("ngày 05 tháng 02 năm 2026", 8, "05", "02", "2026", D(2026, 2, 5)),
        FullDate("08/9/2025", text.index("08/9"), "08", "9", "2025", D(2025, 9, 8)),
        FullDate("31/02/2026", text.index("31/02"), "31", "02", "2026", None),
    ]


def test_find_full_dates_nfd_offsets() -> None:
    source = nfd("Hà Nội, ngày 09 tháng 9 năm 2025")
    [fd] = find_full_dates(source)
    assert source[fd.offset:fd.offset + len(fd.text)] == fd.text
    assert (fd.day_text, fd.month_text, fd.value) == ("09", "9", D(2025, 9, 9))


# ---------------------------------------------------------------------------------------------
# Weeks


def test_weeks_in_month() -> None:
    assert weeks_in_month(2024, 5) == 5
    assert weeks_in_month(2021, 2) == 4  # starts on a Monday, 28 days
    assert weeks_in_month(2024, 9) == 6  # starts on a Sunday, 30 days


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_weeks_tile_the_month(year: int, month: int) -> None:
    n = weeks_in_month(year, month)
    assert 4 <= n <= 6
    spans = [week_bounds(year, month, w) for w in range(1, n + 1)]
    assert spans[0][0] == D(year, month, 1)
    assert spans[-1][1] == D(year, month, calendar.monthrange(year, month)[1])
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert (start - end).days == 1 and start.weekday() == 0
    with pytest.raises(ValueError):
        week_bounds(year, month, n + 1)


# ---------------------------------------------------------------------------------------------
# Properties

_TOKENS = [
    "ngày", "tháng", "năm", "năm học", "Năm học", "giai đoạn", "chu kỳ", "từ", "đến", "và", "Tuần", "T",
    "hàng năm", "Hằng năm", "những năm tiếp theo", "trở đi", "đến nay", "trong", "trước", "/", "-", "–",
    " ", ",", ".", ":", "2023", "2024", "2016", "99999", "0", "9", "10", "12", "13", "31", "29", "02", "08",
]
datey_text = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.integers(0, 3000).map(str), st.text(max_size=3)), max_size=40
).map("".join)
any_text = st.one_of(st.text(), datey_text, datey_text.map(nfd))
school_years = st.one_of(st.none(), st.builds(lambda y: SchoolYear(y, y + 1, f"{y}-{y + 1}"),
                                              st.integers(1900, 2099)))


def _check_expr(source: str, expr: DateExpr) -> None:
    assert source[expr.offset:expr.offset + len(expr.text)] == expr.text
    assert expr.text
    if expr.bounded:
        assert expr.start is not None and expr.end is not None and expr.start <= expr.end
    if expr.kind == K.MALFORMED:
        assert expr.reason_vi and expr.reason_en and not expr.bounded
    for part in expr.parts:
        _check_expr(source, part)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, school_years)
def test_never_raises_and_offsets_hold(source: str, sy: SchoolYear | None) -> None:
    exprs = find_date_exprs(source, sy)
    end = 0
    for expr in exprs:
        _check_expr(source, expr)
        assert expr.offset >= end  # left to right, non-overlapping
        end = expr.offset + len(expr.text)
    one = parse_date_expr(source, sy)
    if one is not None:
        _check_expr(source, one)
    for fd in find_full_dates(source):
        assert source[fd.offset:fd.offset + len(fd.text)] == fd.text
        assert fd.day_text in fd.text and fd.month_text in fd.text and fd.year_text in fd.text
    for sy_found in find_school_years(source):
        assert source[sy_found.offset:sy_found.offset + len(sy_found.text)] == sy_found.text


valid_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


@given(valid_dates)
def test_round_trip_days(d: date) -> None:
    worded = f"ngày {d.day} tháng {d.month} năm {d.year}"
    for text in (worded, f"{d.day}/{d.month}/{d.year}", f"ngày {d.day:02d}/{d.month:02d}/{d.year}",
                 nfd(worded.capitalize())):
        expr = parse(text)
        assert (expr.kind, expr.start, expr.end) == (K.DAY, d, d), text
        assert expr.text == text
    [fd] = find_full_dates(f"ngày {d.day:02d} tháng {d.month} năm {d.year}")
    assert fd.value == d and fd.day_text == f"{d.day:02d}"


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_round_trip_months(year: int, month: int) -> None:
    first = D(year, month, 1)
    last = D(year, month, calendar.monthrange(year, month)[1])
    for text in (f"tháng {month}/{year}", f"Tháng {month:02d}/{year}", f"tháng {month} năm {year}",
                 f"T{month}/{year}", f"Tháng {month}/ {year}"):
        expr = parse(text)
        assert (expr.kind, expr.start, expr.end) == (K.MONTH, first, last), text


@given(st.integers(1900, 2099), st.integers(1, 12))
def test_bare_month_follows_school_year_rule(first_year: int, month: int) -> None:
    sy = SchoolYear(first_year, first_year + 1, "")
    expr = parse(f"tháng {month}", sy)
    assert expr.kind == K.MONTH and expr.start is not None
    assert expr.start.year == (first_year if month >= 9 else first_year + 1)
    assert sy.start <= expr.start and expr.end is not None and expr.end <= sy.end


@given(st.integers(1900, 2099), st.integers(-3, 3))
def test_school_year_validity(year: int, delta: int) -> None:
    expr = parse(f"năm học {year}-{year + delta}")
    if delta == 1:
        assert (expr.kind, expr.start, expr.end) == (K.SCHOOL_YEAR, D(year, 8, 1), D(year + 1, 8, 31))
    else:
        assert expr.kind == K.MALFORMED


@given(st.integers(1, 12), st.integers(1990, 2090), st.integers(1, 12), st.integers(1990, 2090))
def test_range_ordering(m1: int, y1: int, m2: int, y2: int) -> None:
    expr = parse(f"từ tháng {m1}/{y1} đến tháng {m2}/{y2}")
    assert expr.kind == K.RANGE and len(expr.parts) == 2
    if (y1, m1) <= (y2, m2):
        assert expr.start == D(y1, m1, 1)
        assert expr.end == D(y2, m2, calendar.monthrange(y2, m2)[1])
    else:
        assert not expr.bounded and expr.reason_en


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1990, 2090))
def test_yearless_range_start_precedes_end(m1: int, m2: int, y: int) -> None:
    expr = parse(f"từ tháng {m1} đến tháng {m2}/{y}")
    assert expr.kind == K.RANGE and expr.start is not None and expr.end is not None
    assert expr.start.month == m1 and expr.start <= expr.end
    assert expr.start.year == (y if m1 <= m2 else y - 1)


# ---------------------------------------------------------------------------------------------
# Linear time


@pytest.mark.parametrize("source", [
    "".join("0123456789/"[(i * 7919) % 11] for i in range(100_000)),
    "".join("0123456789/- "[(i * 104729) % 13] for i in range(100_000)),
    "tháng 1, " * 12_000,
    "2023-" * 20_000,
    "2023" + " " * 100_000 + "-2024",
    "ngày" + "." * 100_000,
    "tuần 1," * 15_000,
    nfd("Từ ngày 16/10/2025 đến tháng 3/2026; Hằng năm; ") * 2_000,
], ids=["digits-slashes", "digits-seps", "month-list", "year-chain", "spaces", "dots", "weeks", "nfd"])
def test_large_input_is_fast(source: str) -> None:
    # CPU time, not wall time: the guard is against super-linear scans, and a loaded machine must not fail it.
    t0 = time.process_time()
    find_date_exprs(source)
    parse_date_expr(source)
    find_full_dates(source)
    find_school_years(source)
    assert time.process_time() - t0 < 5


# ---------------------------------------------------------------------------------------------
# Semesters and quarters (issue 15)

_SY = SchoolYear(2025, 2026, "2025-2026")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Học kỳ II", D(2026, 1, 1), D(2026, 5, 31)),
    ("học kì I", D(2025, 9, 1), D(2026, 1, 31)),
    ("HKII", D(2026, 1, 1), D(2026, 5, 31)),
    ("HK 1", D(2025, 9, 1), D(2026, 1, 31)),
    ("HK II năm học 2026-2027", D(2027, 1, 1), D(2027, 5, 31)),
    ("học kỳ I (2024-2025)", D(2024, 9, 1), D(2025, 1, 31)),
    ("Quý III/2026", D(2026, 7, 1), D(2026, 9, 30)),
    ("quý 4 năm 2025", D(2025, 10, 1), D(2025, 12, 31)),
    ("Quý I", D(2026, 1, 1), D(2026, 3, 31)),
    ("tháng 9 - 10/2025", D(2025, 9, 1), D(2025, 10, 31)),
])
def test_semester_and_quarter(text: str, start: D, end: D) -> None:
    expr = parse(text, _SY)
    assert (expr.start, expr.end) == (start, end), text


def test_semester_without_school_year_is_partial() -> None:
    assert parse("Học kỳ II").kind == K.PARTIAL
    assert parse("Quý III", _SY).kind == K.PARTIAL  # July to September straddles two school years


@pytest.mark.parametrize("text", ["HK I 2024-2026", "HK II năm học 2025-2027"])
def test_semester_of_a_broken_school_year_is_malformed(text: str) -> None:
    assert parse(text, _SY).kind == K.MALFORMED
    assert [(y.first, y.second) for y in find_school_years(text)] == [(int(text[-9:-5]), int(text[-4:]))]


@pytest.mark.parametrize("text", ["học kỳ II đến học kỳ I", "02/2026 – 11/2025", "T3/2026 - T12/2025",
                                  "từ HK II năm học 2025-2026 đến HK I năm học 2025-2026"])
def test_backwards_ranges(text: str) -> None:
    expr = parse(text, _SY)
    assert expr.backwards and not expr.bounded, text


@pytest.mark.parametrize("text", ["học kỳ I đến học kỳ II", "11/2025 – 02/2026", "tháng 10/2025 - năm 2025",
                                  "năm học 2025-2026 đến tháng 9/2025"])
def test_forward_ranges(text: str) -> None:
    assert not parse(text, _SY).backwards, text


def test_bare_month_only_in_a_field() -> None:
    assert find_date_exprs("Thông tư 36/2017 - 12/2018") == []
    assert [e.text for e in find_date_exprs("11/2025 – 02/2026", in_field=True)] == ["11/2025 – 02/2026"]


@pytest.mark.parametrize("text", ["Thông tư 12/2020 - 11/2021", "Quyết định số 05/2024 – 06/2024",
                                  "theo CV 09/2025 - 10/2025", "Thông tư 36/2017 và 18/2018"])
def test_bare_months_cited_stay_citations(text: str) -> None:
    assert find_date_exprs(text, _SY) == [], text


@pytest.mark.parametrize(("text", "quoted", "backwards"), [
    ("Việc này thực hiện 02/2026 – 11/2025, kinh phí 5 triệu.", "02/2026 – 11/2025", True),
    ("triển khai từ 11/2025 đến 02/2026.", "từ 11/2025 đến 02/2026", False),
])
def test_bare_month_pair_in_running_text(text: str, quoted: str, backwards: bool) -> None:
    [expr] = find_date_exprs(text, _SY)
    assert (expr.text, expr.backwards) == (quoted, backwards)


@pytest.mark.parametrize(("text", "quoted", "start", "end"), [
    ("Hoàn thành cuối tháng 10/2025.", "cuối tháng 10/2025", D(2025, 10, 21), D(2025, 10, 31)),
    ("khảo sát vào đầu tháng 9", "đầu tháng 9", D(2025, 9, 1), D(2025, 9, 10)),
    ("họp giữa tháng 2/2026", "giữa tháng 2/2026", D(2026, 2, 11), D(2026, 2, 20)),
    ("Cuối Tháng 02 năm 2026", "Cuối Tháng 02 năm 2026", D(2026, 2, 21), D(2026, 2, 28)),
    ("từ đầu tháng 11 đến cuối tháng 12/2025", "từ đầu tháng 11 đến cuối tháng 12/2025",
     D(2025, 11, 1), D(2025, 12, 31)),
])
def test_third_of_a_month(text: str, quoted: str, start: D, end: D) -> None:
    [expr] = find_date_exprs(text, _SY)
    assert (expr.text, expr.start, expr.end, expr.approx) == (quoted, start, end, False)


@pytest.mark.parametrize(("text", "quoted", "start", "end"), [
    ("Đến cuối năm học 2024-2025, trường", "cuối năm học 2024-2025", D(2025, 3, 1), D(2025, 8, 31)),
    ("đầu năm học 2025 – 2026", "đầu năm học 2025 – 2026", D(2025, 8, 1), D(2025, 11, 30)),
    ("kiểm tra giữa năm học", "giữa năm học", D(2025, 12, 1), D(2026, 2, 28)),
    ("Thời gian: Cuối năm học", "Cuối năm học", D(2026, 3, 1), D(2026, 8, 31)),
])
def test_third_of_a_school_year_is_approximate(text: str, quoted: str, start: D, end: D) -> None:
    [expr] = find_date_exprs(text, _SY)
    assert (expr.text, expr.kind, expr.start, expr.end, expr.approx) == (quoted, K.SCHOOL_YEAR, start, end, True)


def test_third_without_its_year_or_number_stays_vague() -> None:
    assert [e.kind for e in find_date_exprs("cuối năm học; cuối tháng; giữa tuần")] == [K.VAGUE] * 3
    # 'cuối 2025-2026' has no 'năm học' to narrow: the whole school year.
    [expr] = find_date_exprs("cuối 2025-2026")
    assert (expr.start, expr.end, expr.approx) == (D(2025, 8, 1), D(2026, 8, 31), False)


# ---------------------------------------------------------------------------------------------
# The division sign typed as a range sign

@pytest.mark.parametrize(("text", "start", "end", "backwards"), [
    ("Thời gian: tháng 9 ÷ 12/2025", D(2025, 9, 1), D(2025, 12, 31), False),
    ("từ 10/2025 ÷ 02/2026", D(2025, 10, 1), D(2026, 2, 28), False),
    ("năm học 2024÷2025", D(2024, 8, 1), D(2025, 8, 31), False),
    ("thực hiện 01/2026 ÷ 11/2025", None, None, True),
])
def test_division_sign_joins_a_range(text: str, start: D | None, end: D | None, backwards: bool) -> None:
    [expr] = find_date_exprs(text)
    assert (expr.start, expr.end, expr.backwards) == (start, end, backwards)
    assert_offsets(text, [expr])


def test_division_sign_between_plain_numbers_is_no_date() -> None:
    assert find_date_exprs("chia 10 ÷ 2 nhóm, mỗi nhóm 5 người") == []
