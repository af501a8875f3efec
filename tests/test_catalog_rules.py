"""Catalog, target-level and count rules on plans written for these tests (paragraph and table layouts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Severity
from kclint.textnorm import fold

COLUMNS = (
    "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt (so với hiện trạng)\tCông việc/giải pháp cần thực hiện\t"
    "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\tDự kiến kinh phí\tĐiều kiện hỗ trợ khác\t"
    "Ghi chú"
)


def head(school: str, number: str, date: str, year: str) -> str:
    return (f"{school}\n\nSố: {number}\n\nPhú Lộc, ngày {date}\n\nKẾ HOẠCH\n"
            f"Cải tiến chất lượng giáo dục năm học {year}\n\nIII. NỘI DUNG CẢI TIẾN\n\n")


MN = head("TRƯỜNG MẦM NON SƠN CA", "07/KH-MNSC", "25 tháng 9 năm 2024", "2024-2025")
TH = head("TRƯỜNG TIỂU HỌC PHÚ LỘC", "15/KH-THPL", "23 tháng 9 năm 2024", "2024-2025")
THCS = head("TRƯỜNG THCS PHÚ LỘC", "09/KH-THCSPL", "23 tháng 9 năm 2024", "2024-2025")
THCS_2025 = head("TRƯỜNG THCS PHÚ LỘC", "19/KH-THCSPL", "22 tháng 9 năm 2025", "2025-2026")


def row(*cells: str) -> str:
    """A 9-column row of the plan table (missing cells empty)."""
    return "\t".join([*cells, *[""] * (9 - len(cells))]) + "\n"


def item(heading: str, target: str, *more: str) -> str:
    """A paragraph-layout item: heading line, target line, then the other labelled lines."""
    lines = [heading, f"Mục tiêu cần đạt: {target}", *more, "Giải pháp thực hiện: Phân công giáo viên phụ trách."]
    return "\n\n".join(lines) + "\n\n"


def check(text: str, code: str) -> list[Finding]:
    return run(plan_from_text(text), [code])


# --------------------------------------------------------------------------- KC401 unknown criterion


def test_unknown_criterion_in_kindergarten_paragraphs() -> None:
    text = MN + "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\n\n" + \
        item("Tiêu chí 5.4: Kết quả giáo dục", "Giữ vững Mức 3") + \
        item("Tiêu chí 5.6: Kết quả giáo dục trẻ năm tuổi", "Giữ vững Mức 3")
    found = check(text, "KC401")
    assert [f.evidence for f in found] == ["Tiêu chí 5.6"]
    assert found[0].severity == Severity.ERROR
    assert "5.1–5.4" in found[0].message.vi and "18/2018" in found[0].message.vi  # 5.6 exists for THCS


def test_unknown_criterion_in_table_and_results_rows() -> None:
    text = TH + "1. Kết quả tự đánh giá\n\n\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3\n" \
        "\tTiêu chí 2.5\t\tX\tX\t\n\tTiêu chí 2.4\t\tX\tX\tX\n\n" + COLUMNS + "\n" + \
        row("1", "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh") + \
        row("", "Tiêu chí 2.5", "Đạt Mức 2", "Tổ chức câu lạc bộ", "Tổng phụ trách", "Tháng 3/2025") + \
        row("", "Tiêu chí 2.4", "Giữ vững Mức 3", "Tổ chức câu lạc bộ", "Tổng phụ trách", "Tháng 3/2025")
    found = check(text, "KC401")
    assert [f.evidence for f in found] == ["Tiêu chí 2.5", "Tiêu chí 2.5"]
    assert {f.location.row for f in found} != {None}


def test_unknown_standard_number() -> None:
    text = THCS + "Tiêu chuẩn 6: Công tác khác\n\n" + item("Tiêu chí 1.1: Phương hướng", "Duy trì Mức 3")
    found = check(text, "KC401")
    assert [f.evidence for f in found] == ["Tiêu chuẩn 6"]


def test_unknown_level_reports_nothing() -> None:
    text = "KẾ HOẠCH\nCải tiến chất lượng năm học 2024-2025\n\n" + item("Tiêu chí 9.9: Không có", "Mức 2")
    assert check(text, "KC401") == []


# --------------------------------------------------------------------------- KC402 criterion titles


def test_criterion_typo_is_a_warning_with_the_official_title() -> None:
    text = MN + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n" + \
        item("Tiêu chí 3.2: Khởi phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục vụ học tập", "Giữ vững Mức 3")
    found = check(text, "KC402")
    assert len(found) == 1
    f = found[0]
    assert f.severity == Severity.WARNING
    assert f.evidence == "Khởi phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục vụ học tập"
    assert f.suggestion is not None and "Khối phòng nhóm trẻ" in f.suggestion.vi


def test_criterion_typo_in_a_table_cell() -> None:
    text = MN + COLUMNS + "\n" + row("1", "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học") + \
        row("", "Tiêu chí 3.4: Khởi phòng tổ chức ăn", "Đạt Mức 3", "Sửa bếp một chiều", "Hiệu trưởng", "Tháng 5/2025")
    found = check(text, "KC402")
    assert [f.evidence for f in found] == ["Khởi phòng tổ chức ăn"]
    assert found[0].location.table is not None


@pytest.mark.parametrize("title", [
    "Khối phòng hành chính quản trị",  # the hyphen left out
    "KHỐI PHÒNG HÀNH CHÍNH - QUẢN TRỊ.",  # capitals and a full stop
    "Khối phòng hành chính – quản trị",  # an en dash
])
def test_tolerated_title_variants(title: str) -> None:
    text = MN + item(f"Tiêu chí 3.3: {title}", "Giữ vững Mức 3")
    assert check(text, "KC402") == []


def test_title_cut_by_a_page_split_is_tolerated() -> None:
    text = MN + COLUMNS + "\n" + \
        row("", "Tiêu chí 5.2: Tổ chức hoạt động nuôi dưỡng, chăm sóc và", "Đạt Mức 3", "Đổi mới hoạt động",
            "Phó hiệu trưởng", "Tháng 4/2025")
    assert check(text, "KC402") == []


def test_title_followed_by_a_field_label_on_the_same_line() -> None:
    text = THCS + "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường. Mục tiêu cần đạt: " \
        "Duy trì Mức 3\n\nGiải pháp thực hiện: Rà soát chiến lược.\n\n" \
        "Tiêu chí 1.3: Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trưởng. Mục tiêu: " \
        "Duy trì Mức 3\n"
    found = check(text, "KC402")
    assert [f.evidence for f in found] == [
        "Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trưởng"]


@pytest.mark.parametrize("line", [
    "Tiêu chí 2.2 (Đối với giáo viên) đang ở Mức 2; nhà trường nâng lên Mức 3 bằng cách bồi dưỡng chuyên môn.",
    "- Tiêu chí 2.2 ( Đối với giáo viên ): hiện đạt Mức 2, mục tiêu Mức 3.",
    "Tiêu chí 2.2 (Đối với giáo viên) (đã đạt Mức 2): nâng lên Mức 3 trong năm học.",
])
def test_title_in_parentheses_before_the_status_sentence(line: str) -> None:
    # Prose items name the title in parentheses and go on with the status: the parenthesis is the title.
    assert check(TH + line + "\n", "KC402") == []
    wrong = line.replace("Đối với giáo viên", "Đối với giáo viên mầm non")
    assert check(TH + wrong + "\n", "KC402") != []
    other = TH + "Tiêu chí 5.3 (Thực hiện nội dung giáo dục địa phương) duy trì Mức 2 trong năm học.\n"
    found = check(other, "KC402")
    assert [f.evidence for f in found] == ["Thực hiện nội dung giáo dục địa phương"]
    assert found[0].severity == Severity.ERROR


def test_title_of_another_level_is_an_error() -> None:
    text = THCS + item("Tiêu chí 4.1: Ban đại diện cha mẹ trẻ", "Duy trì Mức 3")
    found = check(text, "KC402")
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "19/2018" in found[0].message.vi and "Ban đại diện cha mẹ học sinh" in found[0].suggestion.vi


def test_title_of_another_criterion_is_an_error() -> None:
    text = MN + item("Tiêu chí 3.4: Khối phòng hành chính - quản trị", "Giữ vững Mức 3")
    found = check(text, "KC402")
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "3.3" in found[0].message.en


def test_uncertain_primary_titles_are_info_at_most() -> None:
    # TT 17/2018 titles of 1.5, 3.1, 3.2 come from one source: the plan's wording is accepted or noted only.
    text = TH + item("Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập", "Mức 2") + \
        item("Tiêu chí 3.2: Phòng học, phòng học bộ môn và khối phục vụ học tập", "Mức 2") + \
        item("Tiêu chí 1.5: Lớp học và tổ chức các khối lớp", "Mức 2")
    assert all(f.severity == Severity.INFO for f in check(text, "KC402"))


# --------------------------------------------------------------------------- KC403 standard titles


def test_kindergarten_standard_title_in_a_secondary_plan_is_an_error() -> None:
    text = THCS + COLUMNS + "\n" + row("4", "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục") + \
        row("", "Tiêu chí 5.1", "Duy trì Mức 3", "Đổi mới phương pháp", "Phó hiệu trưởng", "Tháng 5/2025")
    found = check(text, "KC403")
    assert [(f.evidence, f.severity) for f in found] == [
        ("Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục", Severity.ERROR)]
    assert "Hoạt động giáo dục và kết quả giáo dục" in found[0].suggestion.vi


def test_standard_title_omission_is_a_warning() -> None:
    text = THCS + "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên\n\n" + \
        item("Tiêu chí 2.1: Đối với hiệu trưởng, phó hiệu trưởng", "Duy trì Mức 3")
    found = check(text, "KC403")
    assert len(found) == 1 and found[0].severity == Severity.WARNING
    assert "và học sinh" in found[0].message.vi


def test_standard_title_abbreviation_is_tolerated() -> None:
    text = THCS + "Tiêu chuẩn 3: CSVC và thiết bị dạy học\n\n" + item("Tiêu chí 3.5: Thiết bị", "Duy trì Mức 3")
    assert check(text, "KC403") == []


# --------------------------------------------------------------------------- KC404 duplicates


def test_duplicate_item_in_paragraphs() -> None:
    text = THCS + item("Tiêu chí 3.5: Thiết bị", "Duy trì Mức 3") + item("Tiêu chí 3.6: Thư viện", "Duy trì Mức 3") + \
        item("Tiêu chí 3.5: Thiết bị", "Duy trì Mức 3")
    found = check(text, "KC404")
    assert len(found) == 1 and found[0].severity == Severity.WARNING


def test_duplicate_item_in_a_table() -> None:
    text = THCS + COLUMNS + "\n" + \
        row("", "Tiêu chí 1.1", "Duy trì Mức 3", "Rà soát chiến lược", "Hiệu trưởng", "Tháng 12/2024") + \
        row("", "Tiêu chí 1.1", "Duy trì Mức 3", "Công khai chiến lược", "Hiệu trưởng", "Tháng 1/2025")
    assert len(check(text, "KC404")) == 1


def test_status_line_and_plan_item_are_not_duplicates() -> None:
    text = TH + "1.2. Tiêu chí 1.2: Hội đồng trường và các hội đồng khác: Đã đạt Mức 2\n\n" + \
        item("Tiêu chí 1.2: Hội đồng trường và các hội đồng khác", "Giữ vững Mức 2")
    assert check(text, "KC404") == []


def test_results_table_and_item_are_not_duplicates() -> None:
    text = TH + "1. Kết quả tự đánh giá\n\n\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3\n" \
        "\tTiêu chí 3.5\t\tX\tX\t\n\n" + item("Tiêu chí 3.5: Thiết bị", "Đạt Mức 3")
    assert check(text, "KC404") == []


def test_same_criterion_in_two_level_groups_is_info() -> None:
    text = THCS + COLUMNS + "\n" + row("", "Mức 2") + \
        row("", "Tiêu chí 2.2", "Đạt Mức 2", "Cử giáo viên học nâng chuẩn", "Hiệu trưởng", "Tháng 5/2025") + \
        row("", "Mức 3") + \
        row("", "Tiêu chí 2.2", "Đạt Mức 3", "Bồi dưỡng giáo viên giỏi", "Hiệu trưởng", "Tháng 5/2026")
    assert [f.severity for f in check(text, "KC404")] == [Severity.INFO]


@pytest.mark.parametrize(("first", "second"), [
    ("a) Năm học 2025-2026", "b) Năm học 2026-2027"),
    ("Học kỳ I", "Học kỳ II"),
    ("Năm thứ nhất (2024-2025)", "Năm thứ hai (2025-2026):"),
])
def test_breakdown_by_period_repeats_without_duplicate_or_disorder(first: str, second: str) -> None:
    year = THCS + first + "\n\n" + item("Tiêu chí 1.6: Quản lý hành chính", "Duy trì Mức 3") + \
        item("Tiêu chí 3.3: Khối phòng", "Duy trì Mức 3")
    text = year + second + "\n\n" + item("Tiêu chí 1.6: Quản lý hành chính", "Duy trì Mức 3") + \
        item("Tiêu chí 3.3: Khối phòng", "Duy trì Mức 3")
    plan = plan_from_text(text)
    assert [i.period.text if i.period else None for i in plan.items] == \
        [first.split(") ")[-1], first.split(") ")[-1], second.split(") ")[-1].rstrip(":")] * 1 + \
        [second.split(") ")[-1].rstrip(":")]
    assert run(plan, ["KC404", "KC406"]) == []


def test_repeat_within_one_period_is_still_a_duplicate() -> None:
    text = THCS + "Học kỳ I\n\n" + item("Tiêu chí 2.2: Giáo viên", "Duy trì Mức 3") + "Học kỳ II\n\n" + \
        item("Tiêu chí 2.2: Giáo viên", "Duy trì Mức 3") + item("Tiêu chí 2.2: Giáo viên", "Duy trì Mức 3")
    plan = plan_from_text(text)
    assert "Học kỳ" not in plan.items[0].solutions.text  # the period heading ends the item above it
    found = run(plan, ["KC404"])
    assert len(found) == 1 and found[0].location.paragraph is not None


def test_period_row_of_a_table_and_period_paragraph_above_a_table() -> None:
    rows = row("", "Tiêu chí 1.1", "Duy trì Mức 3", "Rà soát chiến lược", "Hiệu trưởng", "Tháng 12/2025")
    merged = THCS + COLUMNS + "\n" + "Năm học 2025-2026\n" + rows + "Năm học 2026-2027\n" + rows
    above = THCS + "Năm học 2025-2026\n\n" + COLUMNS + "\n" + rows + "\nNăm học 2026-2027\n\n" + COLUMNS + \
        "\n" + rows
    for text in (merged, above):
        plan = plan_from_text(text)
        assert [i.period.text if i.period else None for i in plan.items] == ["Năm học 2025-2026",
                                                                               "Năm học 2026-2027"], text
        assert check(text, "KC404") == []


def test_a_semester_as_a_field_value_is_no_period_heading() -> None:
    text = THCS + item("Tiêu chí 2.2: Giáo viên", "Duy trì Mức 3", "Thời gian thực hiện:", "Học kỳ I",
                       "Kinh phí: 2.000.000 đồng") + item("Tiêu chí 2.2: Giáo viên", "Duy trì Mức 3")
    plan = plan_from_text(text)
    assert [i.period for i in plan.items] == [None, None]
    assert len(check(text, "KC404")) == 1


# --------------------------------------------------------------------------- KC405 empty standards


def test_empty_standard_between_group_rows_in_a_table() -> None:
    text = MN + COLUMNS + "\n" + row("3", "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội") + \
        row("", "MỨC 2") + row("4", "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ") + \
        row("", "MỨC 2") + \
        row("", "Tiêu chí 5.2", "Đạt Mức 3", "Tổ chức tham quan", "Hiệu trưởng", "Tháng 4/2025")
    found = check(text, "KC405")
    assert [f.evidence for f in found] == ["Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội"]


def test_empty_standard_in_paragraphs() -> None:
    text = MN + "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n\n" + \
        item("Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường", "Giữ vững Mức 3") + \
        "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên\n\nTiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n" + \
        item("Tiêu chí 3.5: Thiết bị, đồ dùng, đồ chơi", "Giữ vững Mức 3")
    assert [f.evidence for f in check(text, "KC405")] == ["Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên"]


def test_standard_with_a_statement_is_not_empty() -> None:
    text = MN + "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên\n\n" \
        "Các tiêu chí của tiêu chuẩn 2 đã đạt Mức 3, tiếp tục duy trì.\n\n" \
        "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n" + \
        item("Tiêu chí 3.5: Thiết bị, đồ dùng, đồ chơi", "Giữ vững Mức 3")
    assert check(text, "KC405") == []


def test_standards_listed_in_another_part_are_not_empty() -> None:
    text = MN.replace("III. NỘI DUNG CẢI TIẾN\n\n", "") + "II. THỰC TRẠNG\n\nTiêu chuẩn 1: Tổ chức và quản lý nhà " \
        "trường\n\nTiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\nIII. NỘI DUNG\n\n" \
        "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n\n" + \
        item("Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường", "Giữ vững Mức 3") + \
        "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n" + \
        item("Tiêu chí 3.5: Thiết bị, đồ dùng, đồ chơi", "Giữ vững Mức 3")
    assert check(text, "KC405") == []


def test_summary_of_standards_is_not_an_item_heading() -> None:
    summary = "".join(f"Tiêu chuẩn {n}: {t}\n\n" for n, t in (
        (1, "Tổ chức và quản lý nhà trường"), (2, "Cán bộ quản lý, giáo viên, nhân viên"),
        (3, "Cơ sở vật chất và thiết bị dạy học"), (4, "Quan hệ giữa nhà trường, gia đình và xã hội"),
        (5, "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ")))
    items = "".join(item(f"Tiêu chí {c}: Tiêu đề", "Giữ vững Mức 3") for c in ("1.1", "2.1", "3.5", "5.1"))
    text = MN + summary + items
    for code in ("KC405", "KC406", "KC407"):
        assert check(text, code) == [], code


# --------------------------------------------------------------------------- KC406 / KC407 order


def test_one_misplaced_criterion_is_reported_once() -> None:
    text = THCS + "".join(item(f"Tiêu chí {c}: Tiêu đề", "Duy trì Mức 3") for c in ("1.1", "1.6", "1.3", "1.4", "1.5"))
    found = check(text, "KC406")
    assert [f.evidence for f in found] == ["Tiêu chí 1.6"]


def test_criteria_order_is_numeric_not_textual() -> None:
    text = THCS + "".join(item(f"Tiêu chí {c}: Tiêu đề", "Duy trì Mức 2") for c in ("1.8", "1.9", "1.10"))
    assert check(text, "KC406") == []


def test_standards_out_of_order_in_a_table() -> None:
    text = THCS + COLUMNS + "\n" + row("1", "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học") + \
        row("", "Tiêu chí 3.5", "Duy trì Mức 3", "Bổ sung thiết bị", "Hiệu trưởng", "Tháng 3/2025") + \
        row("2", "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh") + \
        row("", "Tiêu chí 2.2", "Duy trì Mức 3", "Bồi dưỡng giáo viên", "Hiệu trưởng", "Tháng 3/2025") + \
        row("3", "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục") + \
        row("", "Tiêu chí 5.6", "Duy trì Mức 3", "Phụ đạo học sinh", "Phó hiệu trưởng", "Tháng 5/2025")
    found = check(text, "KC406")
    assert len(found) == 2  # the criterion 2.2 and its standard heading
    assert {f.evidence for f in found} == {"Tiêu chí 2.2", "Tiêu chuẩn 2"} or \
        {f.evidence for f in found} == {"Tiêu chí 3.5", "Tiêu chuẩn 3"}


def test_level_groups_restart_the_order() -> None:
    text = THCS + COLUMNS + "\n" + row("", "Mức 3") + \
        row("", "Tiêu chí 1.1", "Duy trì Mức 3", "Rà soát chiến lược", "Hiệu trưởng", "Tháng 12/2024") + \
        row("", "Tiêu chí 3.5", "Duy trì Mức 3", "Bổ sung thiết bị", "Hiệu trưởng", "Tháng 3/2025") + \
        row("", "Mức 2") + \
        row("", "Tiêu chí 1.2", "Duy trì Mức 2", "Kiện toàn hội đồng", "Hiệu trưởng", "Tháng 10/2024") + \
        row("", "Tiêu chí 3.4", "Duy trì Mức 2", "Sửa khu vệ sinh", "Hiệu trưởng", "Tháng 6/2025")
    assert check(text, "KC406") == []


def test_criterion_under_the_wrong_standard_paragraphs_and_table() -> None:
    para = THCS + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n" + \
        item("Tiêu chí 3.5: Thiết bị", "Duy trì Mức 3") + item("Tiêu chí 2.4: Đối với học sinh", "Duy trì Mức 3")
    table = THCS + COLUMNS + "\n" + row("1", "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học") + \
        row("", "Tiêu chí 3.5", "Duy trì Mức 3", "Bổ sung thiết bị", "Hiệu trưởng", "Tháng 3/2025") + \
        row("", "Tiêu chí 2.4", "Duy trì Mức 3", "Khen thưởng học sinh", "Hiệu trưởng", "Tháng 5/2025")
    for text in (para, table):
        assert [f.evidence for f in check(text, "KC407")] == ["Tiêu chí 2.4"]
        assert check(text, "KC406") == []  # the misplaced item is not also reported as out of order


# --------------------------------------------------------------------------- KC210 invalid targets


def test_level_3_for_a_criterion_without_it() -> None:
    text = TH + item("Tiêu chí 1.2: Hội đồng trường và các hội đồng khác", "Đạt Mức 3")
    found = check(text, "KC210")
    assert [(f.evidence, f.severity) for f in found] == [("Đạt Mức 3", Severity.ERROR)]
    assert "Giữ vững Mức 2" in found[0].suggestion.vi


def test_level_4_for_a_criterion_in_a_table() -> None:
    text = THCS + COLUMNS + "\n" + \
        row("", "Tiêu chí 1.1", "Phấn đấu đạt Mức 4", "Rà soát chiến lược", "Hiệu trưởng", "Tháng 12/2024")
    found = check(text, "KC210")
    assert [(f.evidence, f.severity) for f in found] == [("Phấn đấu đạt Mức 4", Severity.ERROR)]


def test_uncertain_levels_after_tt22_are_info() -> None:
    text = THCS_2025 + item("Tiêu chí 1.5: Khối lớp và tổ chức lớp học", "Duy trì Mức 3")
    assert [f.severity for f in check(text, "KC210")] == [Severity.INFO]


def test_group_row_level_the_criterion_lacks() -> None:
    text = TH + COLUMNS + "\n" + row("", "Mức 3") + \
        row("", "Tiêu chí 1.9", "Dân chủ chưa phát huy", "Công khai tài chính", "Hiệu trưởng", "Tháng 1/2025")
    found = check(text, "KC210")
    assert len(found) == 1 and found[0].evidence.startswith("Tiêu chí 1.9")


def test_valid_targets_pass() -> None:
    text = TH + item("Tiêu chí 1.2: Hội đồng trường và các hội đồng khác", "Giữ vững Mức 2") + \
        item("Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường", "Duy trì Mức 3")
    assert check(text, "KC210") == []


# --------------------------------------------------------------------------- KC211 / KC212 vs current level

RESULTS = ("I. KẾT QUẢ TỰ ĐÁNH GIÁ\n\n\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3\n"
           "\tTiêu chí 3.1\t\tX\t\t\n\tTiêu chí 3.5\t\tX\tX\tX\n\tTiêu chí 3.4\t\tX\tX\t\n\n")


def test_target_below_the_results_table() -> None:
    text = TH.replace("III. NỘI DUNG CẢI TIẾN\n\n", RESULTS + "II. NỘI DUNG\n\n") + \
        item("Tiêu chí 3.5: Thiết bị", "Đạt Mức 2", "Hạn chế: Thiết bị cũ.")
    found = check(text, "KC211")
    assert [(f.evidence, f.severity) for f in found] == [("Đạt Mức 2", Severity.ERROR)]


def test_target_below_current_in_a_table() -> None:
    text = TH.replace("III. NỘI DUNG CẢI TIẾN\n\n", RESULTS + "II. NỘI DUNG\n\n") + COLUMNS + "\n" + \
        row("", "Tiêu chí 3.4", "Đạt Mức 1", "Sửa khu vệ sinh", "Hiệu trưởng", "Tháng 1/2025") + \
        row("", "Tiêu chí 3.5", "Giữ vững Mức 3", "Bổ sung thiết bị", "Hiệu trưởng", "Tháng 1/2025")
    found = check(text, "KC211")
    assert [f.evidence for f in found] == ["Đạt Mức 1"]
    assert found[0].location.column == 2


def test_target_below_a_status_line() -> None:
    text = TH + "Tiêu chí 4.1: Ban đại diện cha mẹ học sinh: Trường đã đạt Mức 3\n\n" \
        "Mục tiêu cần đạt: Đạt Mức 2\n\nGiải pháp thực hiện: Họp ban đại diện mỗi học kỳ.\n"
    assert [f.evidence for f in check(text, "KC211")] == ["Đạt Mức 2"]


def test_target_equal_to_current_with_weaknesses() -> None:
    text = TH.replace("III. NỘI DUNG CẢI TIẾN\n\n", RESULTS + "II. NỘI DUNG\n\n") + \
        "3.1. Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập\nMục tiêu cần đạt: Mức 1\n" \
        "Hạn chế cần khắc phục: Sân tập chưa có mái che.\nGiải pháp thực hiện: Tham mưu xây mái che.\n\n" \
        "3.5. Tiêu chí 3.5: Thiết bị\nMục tiêu cần đạt: Mức 3\nHạn chế cần khắc phục: Thiết bị cũ.\n" \
        "Giải pháp thực hiện: Bổ sung thiết bị.\n\n" \
        "3.4. Tiêu chí 3.4: Khu vệ sinh, hệ thống cấp thoát nước\nMục tiêu cần đạt: Mức 2\n" \
        "Hạn chế cần khắc phục: Nhà vệ sinh xuống cấp.\nGiải pháp thực hiện: Sửa chữa.\n"
    found = check(text, "KC212")
    # 3.5 keeps Mức 3 and 3.4 keeps Mức 2: both are the criterion's highest level.
    assert [f.evidence for f in found] == ["3.1. Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập"]
    assert found[0].severity == Severity.INFO


def test_target_equal_to_current_without_weaknesses_passes() -> None:
    text = TH.replace("III. NỘI DUNG CẢI TIẾN\n\n", RESULTS + "II. NỘI DUNG\n\n") + \
        item("Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập", "Mức 1")
    assert check(text, "KC212") == []


def test_target_rules_skip_other_plan_kinds() -> None:
    text = TH.replace("Cải tiến chất lượng giáo dục", "Tự đánh giá chất lượng giáo dục") + \
        item("Tiêu chí 1.2: Hội đồng trường và các hội đồng khác", "Đạt Mức 3")
    assert check(text, "KC210") == []


# --------------------------------------------------------------------------- KC310 / KC311 counts


def test_level_3_denominator_must_be_the_criteria_defining_it() -> None:
    text = TH + "- Số lượng tiêu chí đạt Mức 3: 10/27, tỷ lệ: 37,04%.\n"
    found = check(text, "KC310")
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "10/19" in found[0].suggestion.vi


def test_level_2_denominator_is_the_total() -> None:
    assert len(check(TH + "- Số lượng tiêu chí đạt Mức 2: 24/25.\n", "KC310")) == 1
    assert check(TH + "- Số lượng tiêu chí đạt Mức 2: 24/27.\n- Số lượng tiêu chí đạt Mức 3: 10/19.\n", "KC310") == []


def test_denominator_of_the_other_version_is_info() -> None:
    # TT 22/2024 removed Mức 3 of criterion 1.5 (uncertain): 20 is the count before it.
    found = check(THCS_2025 + "- Số lượng tiêu chí đạt Mức 3: 12/20.\n", "KC310")
    assert [f.severity for f in found] == [Severity.INFO]


def test_denominator_of_one_standard_passes() -> None:
    assert check(THCS + "Tiêu chuẩn 1: đạt Mức 2: 10/10; đạt Mức 3: 4/5.\n", "KC310") == []


def test_counts_of_standards_or_indicators_are_not_checked() -> None:
    text = MN + "- Số tiêu chuẩn đạt Mức 2: 5/5.\n- Tổng số chỉ số đạt Mức 2: 70/75 chỉ số.\n"
    assert check(text, "KC310") == []


def test_overall_level_overstated() -> None:
    text = TH + "- Số lượng tiêu chí đạt Mức 1: 27/27, tỷ lệ: 100%.\n- Số lượng tiêu chí đạt Mức 2: 24/27.\n\n" \
        "Mức đánh giá của nhà trường: Mức 2\n"
    found = check(text, "KC311")
    assert [(f.evidence, f.severity) for f in found] == [("Mức đánh giá của nhà trường: Mức 2", Severity.ERROR)]


def test_overall_level_understated_and_cap_do() -> None:
    text = TH + "- Số lượng tiêu chí đạt Mức 1: 27/27.\n- Số lượng tiêu chí đạt Mức 2: 27/27.\n" \
        "- Số lượng tiêu chí đạt Mức 3: 12/19.\n\nNhà trường đạt kiểm định chất lượng giáo dục cấp độ 1.\n"
    found = check(text, "KC311")
    # 'cấp độ N' is Mức N with medium confidence (catalogs/school_levels.json): understating it is info
    assert [f.severity for f in found] == [Severity.INFO]
    assert found[0].evidence == "đạt kiểm định chất lượng giáo dục cấp độ 1"


COUNTS_MUC_3_SHORT = "- Số lượng tiêu chí đạt Mức 1: 27/27.\n- Số lượng tiêu chí đạt Mức 2: 27/27.\n" \
    "- Số lượng tiêu chí đạt Mức 3: 12/19 (63,16%).\n\n"


@pytest.mark.parametrize("line", [
    "Nhà trường đạt chuẩn quốc gia mức độ 2.",
    "+ Trường được công nhận đạt chuẩn quốc gia mức độ 02;",
    "Kết luận: nhà trường đạt kiểm định cấp độ 2 và đạt Chuẩn Quốc gia mức độ 2.",
])
def test_national_standard_level_2_needs_mức_3(line: str) -> None:
    found = check(TH + COUNTS_MUC_3_SHORT + line + "\n", "KC311")
    assert [f.severity for f in found] == [Severity.ERROR]  # checked for TT 17/2018
    assert "chuẩn quốc gia mức độ" in fold(found[0].evidence) and "mức độ 1" in found[0].suggestion.vi
    # TT 18/2018 is assumed to say the same: a warning
    thcs = THCS + COUNTS_MUC_3_SHORT.replace("27/27", "28/28").replace("12/19 (63,16%)", "12/20 (60%)")
    assert [f.severity for f in check(thcs + line + "\n", "KC311")] == [Severity.WARNING]


@pytest.mark.parametrize("line", [
    "Nhà trường đạt chuẩn quốc gia mức độ 1.",  # a Mức 2 school
    "Nhà trường phấn đấu đạt chuẩn quốc gia mức độ 2 vào năm học sau.",  # a goal
    "Trường được công nhận đạt chuẩn quốc gia mức độ 2 năm 2019 (Quyết định số 15/QĐ-UBND).",  # history
    "Tiêu chuẩn 1 đạt Mức 3.",  # a standard's level, not the school's
    "Nhà trường đạt Mức 3 ở 12 tiêu chí.",  # a count of criteria
])
def test_claims_the_counts_allow_or_that_are_no_claims_pass(line: str) -> None:
    assert check(TH + COUNTS_MUC_3_SHORT + line + "\n", "KC311") == []


def test_self_assessed_level_in_bullets() -> None:
    for mark in ("", "+ ", "- "):
        text = TH + COUNTS_MUC_3_SHORT + mark + "Nhà trường tự đánh giá đạt Mức 3.\n"
        assert [f.evidence for f in check(text, "KC311")] == ["Nhà trường tự đánh giá đạt Mức 3"]
        assert check(text.replace("đạt Mức 3.\n", "đạt Mức 2.\n"), "KC311") == []


def test_one_standards_sub_count_says_nothing_of_the_school() -> None:
    text = TH + "Tiêu chuẩn 1: số tiêu chí đạt Mức 3: 4/4 (100%).\n\nNhà trường tự đánh giá đạt Mức 2.\n"
    assert check(text, "KC311") == []
    text = TH + "Tiêu chuẩn 2: số tiêu chí đạt Mức 3: 2/4 (50%).\n\nNhà trường tự đánh giá đạt Mức 3.\n"
    assert check(text, "KC311") == []


def test_overall_level_consistent_or_a_goal_passes() -> None:
    text = TH + "- Số lượng tiêu chí đạt Mức 1: 27/27.\n- Số lượng tiêu chí đạt Mức 2: 24/27.\n\n" \
        "Mức đánh giá của Đoàn đánh giá ngoài: Mức 1\n\nNhà trường phấn đấu đạt cấp độ 2 vào năm 2027.\n"
    assert check(text, "KC311") == []


# --------------------------------------------------------------------------- KC401/KC402 wherever a criterion is named


def test_unknown_criterion_named_in_plus_bullets_prose_and_a_list() -> None:
    text = TH + "* TC 1.1 – Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n" \
        "+ Chỉ tiêu: Duy trì Mức 2\n\n" \
        "Nhà trường rà soát lại các tiêu chí 2.3, 2.4 và 2.6 trong học kỳ I.\n\n"
    assert [f.evidence for f in check(text, "KC401")] == ["2.6"]


def test_unknown_criterion_in_a_schedule_cell() -> None:
    text = TH + "Thời gian\tCông việc\tNgười thực hiện\n" \
        "Tháng 10/2024\tTiêu chí 5.6 (Hoạt động giáo dục): bổ sung minh chứng\tTổ chuyên môn\n\n"
    found = check(text, "KC401")
    assert [f.evidence for f in found] == ["Tiêu chí 5.6"]
    assert found[0].location.table is not None


def test_criterion_of_another_circular_or_a_citation_is_not_unknown() -> None:
    text = TH + "Theo Thông tư 19/2018/TT-BGDĐT, tiêu chí 2.4 dành cho nhân viên trường mầm non.\n\n" \
        "So với TT 18, tiêu chí 5.6 không áp dụng cho trường tiểu học.\n\n" \
        "Theo Thông tư 17/2018/TT-BGDĐT, tiêu chí 2.4 là tiêu chí về học sinh.\n\n"
    assert check(text, "KC401") == []
    own = TH + "Theo Thông tư 17/2018/TT-BGDĐT, tiêu chí 2.6 được rà soát.\n\n"
    assert [f.evidence for f in check(own, "KC401")] == ["tiêu chí 2.6"]


def test_title_named_after_a_reference_in_bullets_and_prose() -> None:
    plus = TH + "* TC 4.1 – Ban đại diện cha mẹ trẻ\n\n+ Chỉ tiêu: Duy trì Mức 2\n\n"
    found = check(plus, "KC402")
    assert [(f.evidence, f.severity) for f in found] == [("Ban đại diện cha mẹ trẻ", Severity.ERROR)]
    prose = TH + "Đối với tiêu chí 4.1 (Ban đại diện cha mẹ học sinh), nhà trường duy trì Mức 2.\n\n" \
        "Tiêu chí 1.1: nhà trường đã hoàn thành việc rà soát chiến lược.\n\n"
    assert [f for f in check(prose, "KC402") if f.severity != Severity.INFO] == []


def test_order_within_one_year_of_a_breakdown_is_only_noted(tmp_path: Path) -> None:
    """A yearly breakdown lists each year's criteria by priority, numbered 1, 2, 3: not a warning."""
    head = "\tTT\tTiêu chí\tMục tiêu\tNhiệm vụ, giải pháp\tChủ trì\tThời gian\n"
    row = "\t{n}\t{crit}\tĐạt Mức 3\tRà soát và bổ sung hồ sơ minh chứng\tHiệu trưởng\tTháng 10/2025\n"
    year = "{k}. Năm học {y}-{z}\n\n" + head + "{rows}\n"
    years = [("4.1. Ban đại diện cha mẹ học sinh", "3.5. Thiết bị"), ("2.2. Đối với giáo viên", "1.1. Phương hướng, "
             "chiến lược xây dựng và phát triển nhà trường")]
    body = "IV. KẾ HOẠCH THEO TỪNG NĂM HỌC\n\n" + "".join(
        year.format(k=k + 1, y=2025 + k, z=2026 + k, rows="".join(row.format(n=n + 1, crit=c)
                                                                   for n, c in enumerate(cs)))
        for k, cs in enumerate(years))
    flat = "IV. KẾ HOẠCH CẢI TIẾN\n\n" + head + "".join(row.format(n=n + 1, crit=c) for n, c in enumerate(years[0]))
    docx_of = [build_docx(tmp_path / f"{n}.docx", PlanLayout(title=["KẾ HOẠCH", "Cải tiến chất lượng giai đoạn "
                                                                    "2025-2027"], body=b))
               for n, b in (("years", body), ("flat", flat))]
    for plan in (plan_from_text(TH + body), plan_from_file(docx_of[0])):
        found = run(plan, ["KC406"])
        assert len(found) == 2 and {f.severity for f in found} == {Severity.INFO}  # one per year
    for plan in (plan_from_text(TH + flat), plan_from_file(docx_of[1])):
        assert [f.severity for f in run(plan, ["KC406"])] == [Severity.WARNING]


# --------------------------------------------------------------------------- ranges and standards named anywhere


@pytest.mark.parametrize("line", [
    "Nhóm 5 phụ trách Tiêu chuẩn 5: tiêu chí 5.1 đến 5.6.",
    "Nhóm 5 rà soát các tiêu chí 5.1 – 5.6 trong tháng 10.",
    "Nhóm 1 thu thập minh chứng từ tiêu chí 1.1 đến tiêu chí 1.10.",
    "Nhóm 2\tTiêu chuẩn 2\tTC 2.1–2.4",
])
def test_criterion_ranges_inside_the_catalog_pass(line: str) -> None:
    assert check(THCS + line + "\n", "KC401") == []


@pytest.mark.parametrize(("line", "evidence"), [
    ("Nhóm 5 phụ trách Tiêu chuẩn 5: tiêu chí 5.1 đến 5.7.", "tiêu chí 5.1 đến 5.7"),
    ("Nhóm 5 rà soát các tiêu chí 5.1 – 5.7 trong tháng 10.", "tiêu chí 5.1 – 5.7"),
    ("Nhóm 1 thu thập minh chứng từ tiêu chí 1.1 đến tiêu chí 1.12.", "tiêu chí 1.1 đến tiêu chí 1.12"),
    ("Nhóm 2\tTiêu chuẩn 2\tTC 2.1–2.5", "TC 2.1–2.5"),
])
def test_criterion_range_ending_past_its_standard(line: str, evidence: str) -> None:
    found = check(THCS + line + "\n", "KC401")
    assert [f.evidence for f in found] == [evidence]
    assert found[0].severity == Severity.ERROR


@pytest.mark.parametrize("line", [
    "Nhóm 4\tLê Văn Sang, Trần Thị Hoa\tTiêu chuẩn 6",
    "+ Nhóm 4 phụ trách Tiêu chuẩn 6 và báo cáo Chủ tịch Hội đồng.",
    "Các nhóm phụ trách tiêu chuẩn 4, 5 và 6.",
])
def test_standard_beyond_the_circular_wherever_named(line: str) -> None:
    found = check(THCS + line + "\n", "KC401")
    assert len(found) == 1 and "6" in found[0].evidence and "5 tiêu chuẩn" in found[0].message.vi
    assert check(THCS + line.replace("6", "5").replace("4, 5 và 5", "3, 4 và 5") + "\n", "KC401") == []


def test_a_measure_or_another_circulars_standard_is_not_a_standard() -> None:
    text = THCS + "Phòng học đạt tiêu chuẩn 1,5 m2 cho mỗi học sinh.\n\n" \
        "Theo Thông tư 13/2020/TT-BGDĐT, tiêu chuẩn 7 về thư viện được áp dụng.\n"
    assert check(text, "KC401") == []


@pytest.mark.parametrize("line", [
    "Nhóm 3\tMai Thị Hồng\tTiêu chuẩn 3: Cơ sở vật chất và trang thiết bị",
    "- Tiêu chuẩn 3: Cơ sở vật chất và trang thiết bị; thu thập minh chứng trong tháng 10.",
])
def test_standard_title_in_a_cell_or_a_bullet(line: str) -> None:
    found = check(THCS + line + "\n", "KC403")
    assert len(found) == 1 and "Tiêu chuẩn 3: Cơ sở vật chất và trang thiết bị" in found[0].evidence
    assert check(THCS + line.replace("trang thiết bị", "thiết bị dạy học") + "\n", "KC403") == []


@pytest.mark.parametrize("line", [
    "Nhóm 2\tĐào Văn Tùng\tTiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên",
    "Nhóm 2 do thầy Tùng phụ trách Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên.",
])
def test_another_levels_standard_title_anywhere(line: str) -> None:
    found = check(THCS + line + "\n", "KC403")
    assert len(found) == 1 and "19/2018" in found[0].message.vi
    assert check(THCS + line.replace("nhân viên", "nhân viên và học sinh") + "\n", "KC403") == []


def test_words_after_a_standard_in_a_sentence_are_not_its_title() -> None:
    text = THCS + "Nhóm 5 phụ trách Tiêu chuẩn 5: tiêu chí 5.1 đến 5.6.\n\n" \
        "Trong Tiêu chuẩn 3, nhà trường ưu tiên sửa chữa phòng học.\n\n" \
        "Nhóm 1 phụ trách Tiêu chuẩn 1 - thu thập minh chứng.\n"
    assert check(text, "KC403") == []


def test_a_heading_naming_several_standards_has_no_title() -> None:
    text = THCS + "1. Tiêu chuẩn 1 và Tiêu chuẩn 2\n\n2. Tiêu chuẩn 3, Tiêu chuẩn 4 và Tiêu chuẩn 5\n"
    assert check(text, "KC403") == []


# --------------------------------------------------------------------------- KC404 / KC406 without items
# Schedule tables and prose write no item per criterion: the criterion references that head their line are
# the plan's own list (issue 15).

SCHEDULE = "Tuần, tháng\tNội dung công việc\tPhân công\n"


def _schedule(*entries: str, periods: dict[int, str] | None = None) -> str:
    lines = []
    for k, entry in enumerate(entries):
        if periods and k in periods:
            lines.append(f"{periods[k]}\t\t\n")
        lines.append(f"Tháng {k + 9}/2025\t{entry}\tTổ trưởng chuyên môn\n")
    return THCS_2025 + SCHEDULE + "".join(lines) + "\nIV. TỔ CHỨC THỰC HIỆN\n\nCác tổ thực hiện.\n"


def _prose(*entries: str, periods: dict[int, str] | None = None) -> str:
    out = []
    for k, entry in enumerate(entries):
        if periods and k in periods:
            out.append(periods[k] + ":\n\n")
        out.append(f"Về {entry}, nhà trường tổ chức rà soát và bổ sung hồ sơ trong năm học.\n\n")
    return THCS_2025 + "".join(out) + "IV. TỔ CHỨC THỰC HIỆN\n\nCác tổ thực hiện.\n"


@pytest.mark.parametrize("build", [_schedule, _prose])
def test_criteria_listed_without_items_repeat_and_order(build) -> None:
    twice = plan_from_text(build("Tiêu chí 1.7 - Quản lý cán bộ", "Tiêu chí 2.3 - Nhân viên",
                                 "Tiêu chí 1.7 - Quản lý cán bộ"))
    assert twice.items == []
    [f] = run(twice, ["KC404"])
    assert fold(f.evidence) == "tiêu chí 1.7" and f.severity == Severity.WARNING
    assert run(twice, ["KC406"]) != []  # 1.7 after 2.3 is out of order too
    [g] = check(build("Tiêu chí 2.3 - Nhân viên", "Tiêu chí 1.7 - Quản lý cán bộ"), "KC406")
    assert fold(g.evidence) == "tiêu chí 1.7" or fold(g.evidence) == "tiêu chí 2.3"
    assert check(build("Tiêu chí 1.7 - Quản lý cán bộ", "Tiêu chí 2.3 - Nhân viên"), "KC404") == []
    assert check(build("Tiêu chí 1.7 - Quản lý cán bộ", "Tiêu chí 2.3 - Nhân viên"), "KC406") == []


@pytest.mark.parametrize("build", [_schedule, _prose])
def test_listed_criteria_under_two_periods_are_no_duplicate(build) -> None:
    entries = ("Tiêu chí 1.7 (Quản lý cán bộ)", "Tiêu chí 1.7 (Quản lý cán bộ)")
    assert run(plan_from_text(build(*entries, periods={0: "Học kỳ I", 1: "Học kỳ II"})), ["KC404", "KC406"]) == []
    [f] = check(build(*entries, periods={0: "Năm học 2025-2026"}), "KC404")
    assert fold(f.evidence) == "tiêu chí 1.7"


def test_criteria_cited_in_sentences_are_no_list() -> None:
    text = THCS_2025 + "Nhà trường tiếp tục duy trì kết quả của tiêu chí 1.3 và 1.1 đã đạt.\n\n" \
        "Kết quả này gắn với việc thực hiện tiêu chí 2.3. Các tổ rà soát lại minh chứng của tiêu chí 1.1.\n\n" \
        "Hồ sơ của tiêu chí 1.1 được lưu tại văn phòng.\n\nIV. TỔ CHỨC THỰC HIỆN\n\nCác tổ thực hiện.\n"
    assert run(plan_from_text(text), ["KC404", "KC406"]) == []
