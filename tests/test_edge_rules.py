"""Edge cases of KC104 (school year), KC202 (current level vs results) and the KC301 family (level counts).

Each case is written in several layouts — paragraphs, a tab-separated table in a text export, and a Word
file — and each rule must stay quiet on the correct variants.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Plan

_TITLE = ["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"]
_HEAD = "\n".join(_TITLE) + "\n\n"
_ITEMS_HEADER = ("TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t"
                 "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành")
_RESULTS_HEADER = "\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3"


def _plans(body: str, tmp_path: Path) -> list[tuple[str, Plan]]:
    """The same body as a text export and as a Word file."""
    path = build_docx(tmp_path / "p.docx", PlanLayout(title=_TITLE, body=body))
    return [("txt", plan_from_text(_HEAD + body)), ("docx", plan_from_file(path))]


def _found(body: str, code: str, tmp_path: Path) -> dict[str, list[Finding]]:
    return {fmt: run(plan, [code]) for fmt, plan in _plans(body, tmp_path)}


# --- KC104: invalid school year ------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "evidence"), [
    ("I. MỤC ĐÍCH\n\nRà soát minh chứng của năm học 2023 - 2025.", "2023 - 2025"),
    ("I. MỤC ĐÍCH\n\nTổng kết năm học: 2025–2027 theo kế hoạch.", "2025–2027"),
    ("I. MỤC ĐÍCH\n\nKết quả năm học 2026-2025 còn thấp.", "2026-2025"),
    (_ITEMS_HEADER + "\n1\tTiêu chí 1.1\tĐạt Mức 2\tRà soát hồ sơ năm học 2024-2026\tHiệu trưởng\tTháng 12/2025",
     "2024-2026"),
])
def test_kc104_reports_a_school_year_that_is_not_two_consecutive_years(body: str, evidence: str,
                                                                      tmp_path: Path) -> None:
    for fmt, found in _found(body, "KC104", tmp_path).items():
        assert [f.evidence for f in found] == [evidence], fmt


@pytest.mark.parametrize("body", [
    "I. MỤC ĐÍCH\n\nRà soát minh chứng của năm học 2024 - 2025.",
    "I. MỤC ĐÍCH\n\nThực hiện kế hoạch giai đoạn 2025-2030 của nhà trường.",  # a cycle, not a school year
    "I. MỤC ĐÍCH\n\nSố liệu các năm 2021-2024 được tổng hợp ở phụ lục.",  # a span of years, not 'năm học'
    _ITEMS_HEADER + "\n1\tTiêu chí 1.1\tĐạt Mức 2\tRà soát hồ sơ năm học 2025-2026\tHiệu trưởng\tTháng 12/2025",
])
def test_kc104_is_quiet_on_real_school_years_and_other_spans(body: str, tmp_path: Path) -> None:
    assert _found(body, "KC104", tmp_path) == {"txt": [], "docx": []}


# --- KC202: current level contradicts the results table ------------------------------------------------

def _results(*rows: str) -> str:
    return "2. Kết quả tự đánh giá\n\n" + "\n".join([_RESULTS_HEADER, *rows]) + "\n\nIII. NỘI DUNG\n\n"


_RESULTS = _results("\tTiêu chí 1.1\t\tX\tX\tX", "\tTiêu chí 1.2\t\tX\tX\t", "\tTiêu chí 1.3\tX\t\t\t")


@pytest.mark.parametrize(("items", "criterion"), [
    # a paragraph heading carrying the status
    ("1.1. Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường: Trường đã đạt Mức 2", "1.1"),
    # a status line under the heading
    ("Tiêu chí 1.2: Hội đồng trường\n\nMục tiêu cần đạt: Nhà trường đã đạt Mức 3", "1.2"),
    # a bulleted heading
    ("- Tiêu chí 1.2: Hội đồng trường: Nhà trường đã đạt Mức 3", "1.2"),
])
def test_kc202_reports_a_status_that_contradicts_the_table(items: str, criterion: str, tmp_path: Path) -> None:
    for fmt, found in _found(_RESULTS + items, "KC202", tmp_path).items():
        assert [f.location.criterion or criterion for f in found] == [criterion], fmt
        assert f"Tiêu chí {criterion}" in found[0].evidence, fmt


@pytest.mark.parametrize("items", [
    "1.1. Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường: Trường đã đạt Mức 3",
    # a criterion the table marks 'Không đạt': the table gives no level to compare with
    "Tiêu chí 1.3: Các tổ chuyên môn\n\nMục tiêu cần đạt: Nhà trường đã đạt Mức 1",
    # a criterion missing from the table
    "Tiêu chí 2.1: Đối với hiệu trưởng\n\nMục tiêu cần đạt: Nhà trường đã đạt Mức 2",
    # a target, not a status
    "Tiêu chí 1.2: Hội đồng trường\n\nMục tiêu cần đạt: Đạt Mức 3",
    _ITEMS_HEADER + "\n1\tTiêu chí 1.2\tĐã đạt Mức 2\tDuy trì các hoạt động\tHiệu trưởng\tTháng 5/2026",
])
def test_kc202_is_quiet_when_status_and_table_agree_or_cannot_be_compared(items: str, tmp_path: Path) -> None:
    assert _found(_RESULTS + items, "KC202", tmp_path) == {"txt": [], "docx": []}


# --- KC301 family: level counts ------------------------------------------------------------------------

_TABLE4 = _results("\tTiêu chí 1.1\t\tX\tX\tX", "\tTiêu chí 1.2\t\tX\tX\t", "\tTiêu chí 1.3\t\tX\t\t",
                   "\tTiêu chí 1.4\tX\t\t\t").replace("\n\nIII. NỘI DUNG\n\n", "\n\n")


@pytest.mark.parametrize(("body", "code", "evidence"), [
    ("I. KẾT QUẢ\n\nSố tiêu chí đạt Mức 2: 28/27 (103,7%).", "KC3011", "đạt Mức 2: 28/27 (103,7%)"),
    (_ITEMS_HEADER + "\n1\tTiêu chí 1.1\tSố tiêu chí đạt Mức 3: 12/10\tRà soát\tHiệu trưởng\tTháng 5/2026",
     "KC3011", "đạt Mức 3: 12/10"),
    ("I. KẾT QUẢ\n\nSố tiêu chí đạt Mức 2: 20/27.\n\nSố tiêu chí không đạt Mức 2: 05/27.", "KC3012",
     "không đạt Mức 2: 05/27"),
    ("I. KẾT QUẢ\n\n- Đạt Mức 1: 27/27; không đạt Mức 1: 01/27.", "KC3012", "không đạt Mức 1: 01/27"),
    (_TABLE4 + "Số tiêu chí đạt Mức 2: 3/4.", "KC3013", "đạt Mức 2: 3/4"),
    (_TABLE4 + "Số tiêu chí đạt Mức 1: 4/4, đạt Mức 3: 1/4.", "KC3013", "đạt Mức 1: 4/4"),
])
def test_level_count_checks_in_several_layouts(body: str, code: str, evidence: str, tmp_path: Path) -> None:
    for fmt, found in _found(body, "KC301", tmp_path).items():
        assert [(f.code, f.evidence) for f in found] == [(code, evidence)], fmt


@pytest.mark.parametrize("body", [
    "I. KẾT QUẢ\n\nSố tiêu chí đạt Mức 2: 20/27; không đạt Mức 2: 07/27.",
    # achieved and not achieved of different totals or sections are different statements
    "I. KẾT QUẢ\n\nSố tiêu chí đạt Mức 2: 20/27.\n\nSố tiêu chí không đạt Mức 3: 05/27.",
    "I. KẾT QUẢ\n\nĐạt Mức 2: 20/27.\n\nII. DỰ KIẾN\n\nKhông đạt Mức 2: 03/27.",
    "I. KẾT QUẢ\n\nĐạt Mức 2: 20/27.\n\nKhông đạt Mức 2: 03/25.",
    # the count agrees with the table, and a failed row is not counted at Mức 1
    _TABLE4 + "Số tiêu chí đạt Mức 1: 3/4, đạt Mức 2: 2/4, đạt Mức 3: 1/4.",
    # a count in another section than the table is not compared with it
    _TABLE4 + "III. MỤC TIÊU\n\nPhấn đấu số tiêu chí đạt Mức 2: 4/4.",
])
def test_level_counts_are_quiet_on_consistent_statements(body: str, tmp_path: Path) -> None:
    assert _found(body, "KC301", tmp_path) == {"txt": [], "docx": []}


def test_kc306_reports_one_slip_once() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"
            "\tNăm học\tTiêu chí nâng lên Mức 3\tSố tiêu chí đạt Mức 3\n"
            "\t2025-2026\t1.6, 2.3\t14/19\n\t2026-2027\t2.2, 4.1\t16/19\n\t2027-2028\t3.5\t18/19\n"
            "\t2028-2029\t3.2, 5.2\t19/19\n\t2029-2030\tDuy trì\t19/19\n")
    assert [f.evidence for f in run(plan_from_text(text), ["KC306"])] == ["18/19"]
    assert run(plan_from_text(text.replace("18/19", "17/19")), ["KC306"]) == []
