"""The plan model built from our own fixture plans, in paragraph and table layouts, text and Word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import plan_from_file, plan_from_text
from plan_docx import PlanLayout, build_docx

from kclint.model import PlanKind, SchoolLevel


def test_paragraph_layout(data_dir: Path) -> None:
    plan = plan_from_file(data_dir / "mn_paragraph.txt")
    assert plan.kind == PlanKind.IMPROVEMENT
    assert plan.school_level == SchoolLevel.MAM_NON
    assert plan.school_name == "Trường Mầm non Hoa Sen"
    assert plan.header.number and plan.header.number.text == "Số: 45/KH-MNHS"
    assert plan.header.issue_date == dt.date(2025, 10, 6) and plan.header.place == "An Phú"
    assert plan.period and (plan.period.kind, plan.period.first_year, plan.period.last_year) == (
        "school_year", 2025, 2026)
    assert [i.criterion for i in plan.items] == ["1.1", "1.2", "3.1", "3.6"]
    first = plan.items[0]
    assert first.layout == "paragraph" and first.target_level == 3
    assert first.start and first.start.text == "Tháng 9/2025"
    assert first.end and first.end.text == "Tháng 12/2025"
    assert first.responsible and first.responsible.text == "Hiệu trưởng, Hội đồng trường"
    assert first.title and first.title.text.startswith("Phương hướng")
    assert first.target and first.target.loc.section == "III" and first.target.loc.criterion == "1.1"
    assert [s.number for s in plan.standards] == [1, 3]
    assert [s.path for s in plan.sections if s.depth == 0] == ["I", "II", "III", "IV"]
    assert [c.number for c in plan.citations] == ["19", "5942"]
    assert plan.citations[0].date == dt.date(2018, 8, 22)
    assert plan.recipients_heading and [r.text for r in plan.recipients][-1] == "- Lưu: VT."
    assert plan.signer_title and plan.signer_title.text == "HIỆU TRƯỞNG"
    assert plan.signer_name and plan.signer_name.text == "Nguyễn Thị Lan"
    assert [s.text for s in plan.header.issuing_body] == ["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"]
    assert len(plan.header.motto) == 2


def test_table_layout_split_over_pages(data_dir: Path) -> None:
    plan = plan_from_file(data_dir / "thcs_table.txt")
    assert plan.school_level == SchoolLevel.THCS
    assert plan.period and plan.period.kind == "cycle" and plan.period.last_year == 2028
    assert [i.criterion for i in plan.items] == ["1.1", "1.4", "3.2", "5.3"]
    item = plan.item("1.4")
    assert item and item.layout == "table" and item.target_level == 3 and not item.target_inherited
    # the continuation row after the page break joins the cell above it
    assert item.tasks and item.tasks.text.endswith("nghiên cứu bài học trong cụm trường")
    assert item.timing and item.timing.text == "Tháng 5/2026"
    assert item.budget and item.budget.text == "5.000.000"
    assert item.tasks.loc.table == 0 and item.tasks.loc.column == 3
    assert [s.number for s in plan.standards] == [1, 3, 5]
    assert "Chủ trì và phối hợp thực hiện" in item.declared_columns


def test_group_row_level_is_inherited_only_when_the_cell_has_none() -> None:
    header = ("TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t"
              "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\n")
    text = ("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n" + header + "Mức 2\t\t\t\t\t\n"
            "\tTiêu chí 2.2\tGiáo viên còn ít kinh nghiệm\tDự giờ\tTổ trưởng\tTháng 3/2026\n"
            "\tTiêu chí 2.3\tĐạt Mức 3\tBồi dưỡng\tHiệu trưởng\tTháng 4/2026\n")
    plan = plan_from_text(text)
    inherited, own = plan.items
    assert inherited.target_inherited and inherited.target_level == 2
    assert not own.target_inherited and own.target_level == 3


def test_results_table_counts_and_status_lines(data_dir: Path) -> None:
    plan = plan_from_file(data_dir / "th_results.txt")
    assert plan.school_level == SchoolLevel.TIEU_HOC
    assert {r.criterion: r.levels for r in plan.assessment} == {
        "1.1": [1, 2, 3], "1.2": [1, 2], "1.3": [1], "1.4": [1, 2, 3]}
    counts = [(c.level, c.achieved, c.count, c.total, c.percent_text) for c in plan.level_counts]
    assert counts == [(1, True, 4, 4, "100"), (2, True, 3, 4, "75"), (2, False, 1, 4, "25"),
                      (3, True, 2, 3, "66,67")]
    status = plan.item("1.2")
    assert status and status.target_is_status and status.current_level == 2
    real = plan.item("1.3")
    assert real and not real.target_is_status and real.target_level == 2 and real.weakness


def test_docx_and_text_give_the_same_model(tmp_path: Path, data_dir: Path) -> None:
    text = (data_dir / "mn_paragraph.txt").read_text(encoding="utf-8")
    body = text.split("Cải tiến chất lượng giáo dục năm học 2025 - 2026\n", 1)[1]
    body = body.split("Nơi nhận:", 1)[0]
    path = build_docx(tmp_path / "p.docx", PlanLayout(
        left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
        place_date="An Phú, ngày 06 tháng 10 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025 - 2026"], body=body,
        recipients=["Nơi nhận:", "- Phòng Văn hóa - Xã hội xã An Phú (để b/c);", "- Lưu: VT."],
        signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"]))
    from_docx = plan_from_file(path)
    from_text = plan_from_file(data_dir / "mn_paragraph.txt")
    assert from_docx.header.issue_date == from_text.header.issue_date
    assert from_docx.school_level == from_text.school_level and from_docx.period == from_text.period.model_copy(
        update={"span": from_docx.period.span})
    assert [(i.criterion, i.target_level, i.end.text if i.end else None) for i in from_docx.items] == [
        (i.criterion, i.target_level, i.end.text if i.end else None) for i in from_text.items]
    assert from_docx.signer_name and from_docx.signer_name.text == "Nguyễn Thị Lan"
    assert from_docx.header.number and from_docx.header.number.loc.table == 0


def test_every_value_keeps_its_location(data_dir: Path) -> None:
    plan = plan_from_file(data_dir / "mn_paragraph.txt")
    for span in plan.texts:
        assert span.loc.line is not None and span.loc.block is not None
    lines = (data_dir / "mn_paragraph.txt").read_text(encoding="utf-8").splitlines()
    for span in plan.texts:
        assert span.text in lines[span.loc.line - 1]


def test_vertically_merged_cell_serves_every_row_it_spans(tmp_path: Path) -> None:
    header = ("TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t"
              "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành")
    body = (header + "\n\tTiêu chí 1.1\tDuy trì Mức 3\tRà soát chiến lược\tHiệu trưởng\tTháng 12/2025\n"
            "\tTiêu chí 1.3\tDuy trì Mức 3\tPhát triển đảng viên\t\tTháng 3/2026")
    path = build_docx(tmp_path / "m.docx", PlanLayout(title=["KẾ HOẠCH", "Cải tiến chất lượng năm học 2025-2026"],
                                                      body=body))
    import docx

    d = docx.Document(str(path))
    d.tables[0].cell(1, 4).merge(d.tables[0].cell(2, 4))
    d.save(str(path))
    plan = plan_from_file(path)
    assert [(i.criterion, i.responsible.text if i.responsible else None) for i in plan.items] == [
        ("1.1", "Hiệu trưởng"), ("1.3", "Hiệu trưởng")]


def test_place_and_date_lines_in_their_real_variants() -> None:
    body = "\n\nKẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024-2025\n\nI. MỤC ĐÍCH\n\n1. Nâng cao chất lượng.\n"
    cases = {
        "Phường 5, ngày 05 tháng 9 năm 2024": (dt.date(2024, 9, 5), "Phường 5"),
        "TP. Hồ Chí Minh, ngày 05 tháng 9 năm 2024": (dt.date(2024, 9, 5), "TP. Hồ Chí Minh"),
        "Quận 1, ngày 12/9/2024": (dt.date(2024, 9, 12), "Quận 1"),
        "ngày 05 tháng 9 năm 2024": (dt.date(2024, 9, 5), None),
    }
    for line, (day, place) in cases.items():
        plan = plan_from_text("TRƯỜNG THCS AN LẠC\n\nSố: 12/KH-THCSAL\n\n" + line + body)
        assert (plan.header.issue_date, plan.header.place) == (day, place), line
        assert plan.header.place_date and plan.header.place_date.text == line


def test_bulleted_and_lettered_items_and_results_lists() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024 - 2025\n\nI. KẾT QUẢ TỰ ĐÁNH GIÁ\n\n"
            "- Tiêu chí 1.1: Đạt Mức 3\n- Tiêu chí 1.2: Mức 2\n\nII. NỘI DUNG\n\n"
            "TIÊU CHUẨN 1: TỔ CHỨC VÀ QUẢN LÝ NHÀ TRƯỜNG\n\n"
            "a) Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n"
            "- Mục tiêu cần đạt: Đạt Mức 3\n\n+ Giải pháp thực hiện: Lấy ý kiến cha mẹ học sinh.\n\n"
            "- Người thực hiện: Hiệu trưởng\n\n- Thời gian bắt đầu: tháng 01/2025\n\n"
            "- Thời gian hoàn thành: tháng 5/2025\n")
    plan = plan_from_text(text)
    results = [i for i in plan.items if i.target_is_status]
    assert [(i.criterion, i.current_level, i.title) for i in results] == [("1.1", 3, None), ("1.2", 2, None)]
    [item] = [i for i in plan.items if not i.target_is_status]
    assert item.target_level == 3 and item.responsible and item.responsible.text == "Hiệu trưởng"
    assert item.solutions and item.solutions.text == "Lấy ý kiến cha mẹ học sinh"
    assert item.start and item.start.text == "tháng 01/2025" and item.end and item.end.text == "tháng 5/2025"
    assert [s.number for s in plan.standards] == [1]


def test_table_with_separate_start_and_end_columns() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024 - 2025\n\n"
            "STT\tTiêu chí\tMục tiêu\tBiện pháp\tNgười thực hiện\tThời gian bắt đầu\tThời gian hoàn thành\n"
            "1\tTiêu chí 2.2\tGiữ vững Mức 3\tBồi dưỡng\tPhó hiệu trưởng\tTháng 2/2025\tTháng 4/2025\n")
    [item] = plan_from_text(text).items
    assert (item.target_level, item.solutions.text, item.start.text, item.end.text) == (
        3, "Bồi dưỡng", "Tháng 2/2025", "Tháng 4/2025")


def test_task_table_months_outside_the_school_year_are_reported() -> None:
    from helpers import run

    text = ("KẾ HOẠCH\nTự đánh giá chất lượng giáo dục năm học 2024-2025\n\n"
            "Thời gian\tNội dung công việc\tNgười thực hiện\n"
            "Tháng 9/2024\tThành lập hội đồng tự đánh giá\tHiệu trưởng\n"
            "Tháng 3/2024\tViết báo cáo tự đánh giá\tThư ký\n")
    [finding] = run(plan_from_text(text), ["KC106"])
    assert finding.evidence == "Tháng 3/2024" and finding.location.row == 2


def test_bare_criterion_ids_in_the_criterion_column() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024 - 2025\n\n"
            "TT\tTiêu chí\tKết quả cần đạt\tGiải pháp\tNgười thực hiện\tThời gian\n"
            "1\t1.1. Phương hướng, chiến lược xây dựng và phát triển nhà trường\tGiữ vững Mức 3\tRà soát\t"
            "Hiệu trưởng\tTháng 12/2024\n2\t1.3\tĐạt Mức 3\tPhát triển đảng viên\tBí thư chi bộ\tTháng 5/2025\n")
    items = plan_from_text(text).items
    assert [(i.criterion, i.target_level, i.title.text if i.title else None) for i in items] == [
        ("1.1", 3, "Phương hướng, chiến lược xây dựng và phát triển nhà trường"), ("1.3", 3, None)]
    assert items[0].heading.text.startswith("1.1. Phương hướng")
