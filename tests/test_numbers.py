"""The numbers family of the extraction pass: counts over totals, percentages, table totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kclint.model import Location, Span
from kclint.parse.numbers import amount, ratio_facts
from tests.helpers import plan_from_text

_AT = Span(text="", loc=Location())


def _ratios(text: str, context: str = "") -> list[tuple[str, int, int, str | None, int | None, bool]]:
    return [(r.span.text, r.count, r.total, r.percent_text, r.level, r.achieved)
            for r in ratio_facts(text, 0, _AT, None, context)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Số tiêu chí đạt Mức 3: 15/19 (73,95%)", ("đạt Mức 3: 15/19 (73,95%)", 15, 19, "73,95", 3, True)),
    ("Tỷ lệ đạt Mức 3: 79,95% (15/19)", ("79,95% (15/19)", 15, 19, "79,95", 3, True)),
    ("Lên lớp: 598/612 học sinh, đạt 96,71%", ("598/612 học sinh, đạt 96,71%", 598, 612, "96,71", None, True)),
    ("có 15 trên 19 tiêu chí đã đạt Mức 3, chiếm 79,95%",
     ("15 trên 19 tiêu chí đã đạt Mức 3, chiếm 79,95%", 15, 19, "79,95", 3, True)),
    ("20/27 tiêu chí đạt Mức 2, đạt tỷ lệ 74%", ("20/27 tiêu chí đạt Mức 2, đạt tỷ lệ 74%", 20, 27, "74", 2, True)),
    ("số tiêu chí không đạt Mức 2: 05/27", ("không đạt Mức 2: 05/27", 5, 27, None, 2, False)),
])
def test_ratio_phrasings(text: str, expected: tuple) -> None:
    assert _ratios(text) == [expected]


@pytest.mark.parametrize("text", [
    "Ngày 14/10/2025, theo Thông tư số 32/2020/TT-BGDĐT",
    "Số: 21/KH-THBA; năm học 2024/2025",
    "từ 15/9 đến 30/9 các lớp tổ chức",
    "Tiêu chí 1.1 và 1.2",
    "9" * 5000 + "/" + "9" * 5000 + " học sinh (50%)",
])
def test_dates_numbers_and_ids_are_not_counts(text: str) -> None:
    assert _ratios(text) == []


def test_a_two_column_row_gives_the_level() -> None:
    assert _ratios("15/19 (73,95%)", context=" Số tiêu chí đạt Mức 3") == [
        ("15/19 (73,95%)", 15, 19, "73,95", 3, True)]


@pytest.mark.parametrize(("text", "value"), [
    ("27", 27), ("2.400.000.000", 2_400_000_000), ("8.500.000 đồng", 8_500_000), ("1.1", None), ("78,95%", None),
    ("9" * 5000, None), ("12,5", Decimal("12.5")), ("3,5 triệu đồng", Decimal("3.5")), ("1.200.000 đ", 1_200_000),
    ("0,75 tr", Decimal("0.75")), ("12,500", None), ("1,200,000", None),
])
def test_amounts(text: str, value: Decimal | int | None) -> None:
    assert amount(text) == value


_HEAD = "KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"


def test_total_row_and_column() -> None:
    plan = plan_from_text(_HEAD + "\tBộ phận\tNam\tNữ\tCộng\n\tTổ 1\t3\t5\t8\n\tTổ 2\t2\t4\t7\n"
                          "\tTổng số\t5\t9\t15\n")
    wrong = [(t.span.text, t.axis, sum(t.values)) for t in plan.facts.totals if sum(t.values) != t.value]
    # Tổ 2's 7 is wrong (2 + 4 = 6); the column total 15 then disagrees too, with 8 + 7 written.
    assert ("7", "column", 6) in wrong


def test_a_column_with_text_or_a_breakdown_row_is_not_summed() -> None:
    plan = plan_from_text(_HEAD + "\tNội dung\tSố lượng\tGhi chú\n\tGiáo viên\t30\tđủ\n"
                          "\tTrong đó: nữ\t20\tx\n\tTổng cộng\t30\t\n")
    assert plan.facts.totals == []


def _wrong_totals(text: str) -> list[tuple[str, Decimal]]:
    plan = plan_from_text(_HEAD + text)
    return [(t.span.text, sum(t.values)) for t in plan.facts.totals if sum(t.values) != t.value]


@pytest.mark.parametrize(("cells", "total", "wrong"), [
    (["4", "12,5", "3,5"], "20", []),
    (["4", "12,5", "3,5"], "30", [("30", Decimal("20"))]),
    (["12,5 triệu đồng", "500.000 đồng"], "13.000.000 đồng", []),
    (["12,5 triệu đồng", "500.000 đồng"], "13.500.000 đồng", [("13.500.000 đồng", Decimal("13000000"))]),
    (["12,5 triệu", "4"], "16,5", []),  # one unit written: the bare cells are in it
    (["12,5 triệu đồng", "500.000 đồng", "4"], "99", []),  # units mixed with a bare cell: not summed
])
def test_money_cells_with_decimals_and_units(cells: list[str], total: str, wrong: list) -> None:
    rows = "".join(f"\tViệc {i}\t{c}\n" for i, c in enumerate(cells, 1))
    assert _wrong_totals("\tNội dung\tKinh phí (triệu đồng)\n" + rows + f"\tCộng\t{total}\n") == wrong


@pytest.mark.parametrize(("total", "wrong"), [("20", []), ("25", [("25", Decimal("20"))])])
def test_a_row_pushed_right_by_a_stray_cell_is_read_under_its_headers(total: str, wrong: list) -> None:
    head = "TT\tNội dung\tChủ trì\tPhối hợp\tKinh phí (triệu đồng)\n"
    rows = ("1\tSửa phòng\tHiệu trưởng\tKế toán\t4\n2\tMua sách\tPhó Hiệu trưởng\tThư viện\t12,5\n"
            "3\tTập huấn\t\tHiệu trưởng\tTổ trưởng\t3,5\n")
    assert _wrong_totals(head + rows + f"\tCộng\t\t\t{total}\n") == wrong


def _row_rates(text: str) -> list[tuple[str, int, int]]:
    return [(r.span.text, r.count, r.total) for r in plan_from_text(_HEAD + text).facts.ratios if r.parts]


@pytest.mark.parametrize(("header", "row", "expected"), [
    # part and whole named by their headers, in either order
    ("Cấp học\tSố trường\tĐã đạt KĐCL\tTỷ lệ", "Tiểu học\t11\t9\t81,28%", [("81,28%", 9, 11)]),
    ("Khối\tHoàn thành\tSĩ số\tTỉ lệ (%)", "Khối 5\t150\t158\t94,94", [("94,94", 150, 158)]),
    # a fraction cell under a count column
    ("Năm học\tSố tiêu chí đạt Mức 3\tTỷ lệ", "2026-2027\t16/19\t84,12%", [("84,12%", 16, 19)]),
    # two part columns: which is the rate of? silent
    ("Khối\tSĩ số\tĐạt\tChưa đạt\tTỷ lệ", "Khối 5\t158\t150\t8\t94,94%", []),
    # no whole column named
    ("Khối\tNam\tNữ\tTỷ lệ", "Khối 5\t80\t78\t50,63%", []),
])
def test_a_row_rate_is_of_the_columns_its_header_names(header: str, row: str, expected: list) -> None:
    assert _row_rates(f"\t{header}\n\t{row}\n") == expected


def _carried(rows: str) -> list[tuple[str, int, int | None, list[str]]]:
    text = _HEAD + "\tNăm học\tTiêu chí nâng lên Mức 3\tSố tiêu chí đạt Mức 3\n" + rows
    return [(c.span.text, c.stated, c.previous, c.raised) for c in plan_from_text(text).facts.carried]


def test_a_yearly_breakdown_chains_its_running_counts() -> None:
    assert _carried("\t2025-2026\t1.6, 2.3\t14/19\n\t2026-2027\tDuy trì\t14/19\n\t2027-2028\tTC 3.5 và 4.1\t16\n") == [
        ("14/19", 14, None, ["1.6", "2.3"]), ("14/19", 14, 14, []), ("16", 16, 14, ["3.5", "4.1"])]
    # a year whose raised cell is not only criteria breaks the chain
    assert [c[:3] for c in _carried("\t2025-2026\t1.6\t13/19\n\t2026-2027\tcác tiêu chí còn lại\t15/19\n"
                                    "\t2027-2028\t3.5\t16/19\n")] == [("13/19", 13, None), ("16/19", 16, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Nhà trường có 16 tiêu chí đạt Mức 3, đạt 84,12%", [("16 tiêu chí đạt Mức 3, đạt 84,12%", 16, 3, True)]),
    ("Có 12 tiêu chí chưa đạt Mức 2 (chiếm 44,44%)", [("12 tiêu chí chưa đạt Mức 2 (chiếm 44,44%", 12, 2, False)]),
    ("16 tiêu chí đạt Mức 3 trở lên, tỷ lệ 84,21%", [("16 tiêu chí đạt Mức 3 trở lên, tỷ lệ 84,21%", 16, 3, True)]),
    # the total of a ratio is no count of its own
    ("15/19 tiêu chí đạt Mức 3, đạt 78,95%", []),
    ("15 trên 19 tiêu chí có yêu cầu Mức 3 đã đạt Mức 3, chiếm 78,95%", []),
    ("16 tiêu chí đạt Mức 3", []),
])
def test_a_count_with_its_percentage_and_no_total(text: str, expected: list) -> None:
    facts = plan_from_text(_HEAD + text + "\n").facts.count_percents
    assert [(f.span.text, f.count, f.level, f.achieved) for f in facts] == expected


_TH = "TRƯỜNG TIỂU HỌC BÌNH AN\n\nKẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"


@pytest.mark.parametrize(("lines", "severity"), [
    # the plan's own total for the level: a warning that quotes it
    ("Số tiêu chí đạt Mức 3: 15/19 (78,95%)\nNăm học tới có 16 tiêu chí đạt Mức 3, đạt 84,12%\n", "warning"),
    # no total written: the catalog's 19 criteria with a Mức 3, info
    ("Năm học tới có 16 tiêu chí đạt Mức 3, chiếm 84,12%\n", "info"),
    ("Năm học tới có 16 tiêu chí đạt Mức 3, chiếm 84,21%\n", None),
    # the school's total and a standard's: the one of all the criteria with a Mức 3
    ("Số tiêu chí đạt Mức 3: 15/19 (78,95%)\nTiêu chuẩn 1: đạt Mức 3: 3/4 (75%)\n"
     "Năm học tới có 16 tiêu chí đạt Mức 3, đạt 84,12%\n", "warning"),
    # two totals, neither the catalog's: which one is meant is not known
    ("Tiêu chuẩn 1: đạt Mức 3: 3/4 (75%)\nTiêu chuẩn 2: đạt Mức 3: 4/5 (80%)\n"
     "Có 16 tiêu chí đạt Mức 3, đạt 84,12%\n", None),
])
def test_a_count_percentage_is_over_the_plans_total_or_the_catalogs(lines: str, severity: str | None) -> None:
    from tests.helpers import run

    found = [f for f in run(plan_from_text(_TH + lines)) if f.code == "KC302"]
    assert [f.severity.value for f in found] == ([severity] if severity else [])
    if severity:
        assert found[0].evidence.startswith("16 tiêu chí đạt Mức 3") and "16/19 = 84,21%" in found[0].message.vi


def test_a_breakdown_written_year_by_year_chains_its_running_counts() -> None:
    lines = ("Số tiêu chí đạt Mức 3: 15/19 (78,95%)\n"
             "- Năm học 2025-2026: nâng tiêu chí 1.6 và 2.2 lên Mức 3, nâng tổng số lên 17/19.\n"
             "- Năm học 2026-2027: nâng TC 3.3 lên Mức 3, nâng tổng số lên 19/19.\n"
             "- Năm học 2027-2028: duy trì 18/19 tiêu chí đạt Mức 3.\n"
             "Các năm sau tiếp tục duy trì.\n"
             "Năm học 2028-2029: nâng tiêu chí 5.5 lên Mức 3, nâng tổng số lên 19/19.\n"
             # a year whose text is not only the criteria raised breaks the chain
             "Năm học 2029-2030: cải thiện các tiêu chí còn lại, tổng số 19/19.\n"
             "\tNăm học\tKết quả\n\tNăm học 2025-2026\tnâng tiêu chí 1.6 lên Mức 3, nâng tổng số lên 16/19\n"
             "\tNăm học 2026-2027\tduy trì 16/19\n")
    facts = plan_from_text(_HEAD + lines).facts.carried
    assert [(c.span.text, c.stated, c.previous, c.raised) for c in facts] == [
        ("nâng tổng số lên 17/19", 17, None, ["1.6", "2.2"]), ("nâng tổng số lên 19/19", 19, 17, ["3.3"]),
        ("duy trì 18/19", 18, 19, []), ("nâng tổng số lên 19/19", 19, None, ["5.5"]),
        ("nâng tổng số lên 16/19", 16, None, ["1.6"]), ("duy trì 16/19", 16, 16, [])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Số trường: 11; đã đạt: 9; tỉ lệ 81,28%", [("Số trường: 11; đã đạt: 9; tỉ lệ 81,28%", 9, 11)]),
    ("Đã hoàn thành: 150, sĩ số: 158, chiếm 94,94%", [("Đã hoàn thành: 150, sĩ số: 158, chiếm 94,94%", 150, 158)]),
    ("Số trường: 11 trường; đã đạt KĐCL: 9 trường; tỉ lệ 81,82%",
     [("Số trường: 11 trường; đã đạt KĐCL: 9 trường; tỉ lệ 81,82%", 9, 11)]),
    # no part, no whole, or a decimal: silent
    ("Nam: 80; nữ: 78; tỉ lệ 50,63%", []),
    ("Số lớp: 12,5; đạt: 3, tỉ lệ 25%", []),
])
def test_a_labelled_whole_and_part_then_the_rate(text: str, expected: list) -> None:
    ratios = plan_from_text(_HEAD + text + "\n").facts.ratios
    assert [(r.span.text, r.count, r.total) for r in ratios] == expected


def test_a_two_column_row_gives_the_label_of_the_first_number() -> None:
    ratios = plan_from_text(_HEAD + "\tNội dung\tKết quả\n\tSố trường\t11; đã đạt: 9; tỉ lệ 81,28%\n").facts.ratios
    assert [(r.span.text, r.count, r.total) for r in ratios] == [("11; đã đạt: 9; tỉ lệ 81,28%", 9, 11)]


_RESULTS = ("\tTiêu chuẩn\tSố tiêu chí\tSố tiêu chí có Mức 3\tĐạt Mức 3\n\tTiêu chuẩn 1\t10\t4\t3\n"
            "\tTiêu chuẩn 2\t4\t4\t3\n\tTiêu chuẩn 3\t6\t5\t4\n\tTổng cộng\t20\t13\t{total}\n")


@pytest.mark.parametrize(("total", "line", "found"), [
    ("10", "Số tiêu chí đạt Mức 3: 11/13 (84,62%)", ["11/13"]),
    ("10", "Số tiêu chí đạt Mức 3: 10/13 (76,92%)", []),
    # a total row that does not add up is KC303's; a statement over another total is of other criteria
    ("11", "Số tiêu chí đạt Mức 3: 11/13 (84,62%)", []),
    ("10", "Số tiêu chí đạt Mức 3: 11/19 (57,89%)", []),
    # the row's 'có Mức 3' column is no count of those reaching it
    ("10", "Số tiêu chí đạt Mức 2: 13/20 (65%)", []),
])
def test_a_level_count_against_the_results_tables_total_row(total: str, line: str, found: list) -> None:
    from tests.helpers import run

    plan = plan_from_text(_HEAD + _RESULTS.format(total=total) + line + "\n")
    assert [f.evidence.split(": ")[-1].split(" ")[0] for f in run(plan) if f.code == "KC3013"] == found


def test_a_two_row_header_names_the_columns_by_their_lower_cells() -> None:
    # 'Kết quả' merged over two columns (the text export leaves the merged cell empty), 'Năm học' merged down
    rates = _row_rates("\tNăm học\tKết quả\t\n\t\tSố tiêu chí đạt Mức 3\tTỉ lệ\n\t2025-2026\t15/19\t78,95%\n")
    assert rates == [("78,95%", 15, 19)]
    carried = plan_from_text(_HEAD + "\tNăm học\tLộ trình\t\n\t\tTiêu chí nâng lên Mức 3\tSố tiêu chí đạt Mức 3\n"
                             "\t2025-2026\t1.6, 2.2\t17/19\n\t2026-2027\t3.3\t19/19\n").facts.carried
    assert [(c.stated, c.previous) for c in carried] == [(17, None), (19, 17)]
    totals = plan_from_text(_HEAD + "\tNội dung\tKinh phí\t\n\t\tNgân sách\tXã hội hóa\n\tSửa phòng\t12.000.000\t"
                            "3.500.000\n\tMua sách\t2.400.000\t1.200.000\n\tTổng cộng\t15.400.000\t4.700.000\n")
    wrong = [(t.span.text, t.header) for t in totals.facts.totals if sum(t.values) != t.value]
    assert wrong == [("15.400.000", "Ngân sách")]
    # a second row of data, even without numbers, is no header
    assert _row_rates("\tKhối\tSĩ số\tHoàn thành\tTỉ lệ\n\tKhối 5\t158\t150\t94,94%\n") == [("94,94%", 150, 158)]
