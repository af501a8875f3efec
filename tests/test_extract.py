"""The extraction pass: each expression once, with its words, location and the field it is under."""

from __future__ import annotations

from helpers import plan_from_text

HEAD = "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"


def test_paragraph_labels_give_each_date_its_field() -> None:
    plan = plan_from_text(HEAD + "Tiêu chí 1.2: Tổ chức bộ máy\n\n"
                          "Thời gian bắt đầu: Tháng 10/2025. Thời gian hoàn thành: Tháng 5/2026\n\n"
                          "Nhà trường rà soát hồ sơ trong tháng 11/2025.\n")
    got = [(d.span.text, d.field, d.span.loc.criterion) for d in plan.facts.dates if d.expr.kind.value == "month"]
    assert got == [("Tháng 10/2025", "start", "1.2"), ("Tháng 5/2026", "end", "1.2"), ("tháng 11/2025", None, "1.2")]
    line = next(s.text for s in plan.texts if s.text.startswith("Thời gian bắt đầu"))
    assert [line[d.offset:d.offset + len(d.span.text)] for d in plan.facts.dates[1:3]] == \
        ["Tháng 10/2025", "Tháng 5/2026"]


def test_a_month_without_year_belongs_to_the_school_year() -> None:
    plan = plan_from_text(HEAD + "Tiêu chí 1.1: Phương hướng\n\n+ Thời gian thực hiện: tháng 3\n")
    march = next(d for d in plan.facts.dates if d.span.text == "tháng 3")
    assert (march.expr.start.year, march.field) == (2026, "timing")


def test_table_columns_give_cells_their_field_across_a_page_split() -> None:
    header = "TT\tTiêu chí\tKết quả cần đạt\tGiải pháp\tNgười thực hiện\tThời gian hoàn thành\n"
    plan = plan_from_text(
        HEAD + header + "1\tTiêu chí 1.1\tMức 3\tRà soát\tHiệu trưởng\tTháng 12/2025\n\n"
        "Trang sau\n\n2\t1.3\tMức 2\tBồi dưỡng\tTổ trưởng\tTháng 4/2026\n")
    got = [(d.span.text, d.field) for d in plan.facts.dates if d.expr.kind.value == "month"]
    assert got == [("Tháng 12/2025", "timing"), ("Tháng 4/2026", "timing")]
    assert [(c.criterion, c.field) for c in plan.facts.criteria] == [("1.1", "criterion"), ("1.3", "criterion")]


def test_criterion_references_in_any_form() -> None:
    plan = plan_from_text(HEAD + "Rà soát minh chứng của TC 2.1 và tiêu chí số 3.4; Tiêu chí 1.1, 1.2 và 1.3.\n\n"
                          "Ngày 1.1.2026 không phải tiêu chí.\n")
    assert [c.criterion for c in plan.facts.criteria] == ["2.1", "3.4", "1.1", "1.2", "1.3"]
    assert [c.span.text for c in plan.facts.criteria][:2] == ["TC 2.1", "tiêu chí số 3.4"]
