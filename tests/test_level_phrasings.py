"""Target and current levels however a plan writes them (issue 15): Roman levels, a status written in a target
cell, the current level beside a target or inside the criterion cell, a criterion column whose header carries a
note; each found in text and Word, and the corrected plan silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Plan, SchoolLevel, Severity

_TITLE = ["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"]
_HEAD = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n"
_RESULTS = ("I. KẾT QUẢ TỰ ĐÁNH GIÁ\n\n\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3\n"
            "\tTiêu chí 2.3\t\tX\tX\tX\n\tTiêu chí 4.1\t\tX\tX\t\n\nII. NỘI DUNG CẢI TIẾN\n\n")


def _both(tmp_path: Path, body: str) -> list[Plan]:
    """The same body as a text plan and as a Word plan."""
    docx = build_docx(tmp_path / "p.docx", PlanLayout(title=_TITLE, body=body))
    return [plan_from_text(_HEAD + body), plan_from_file(docx)]


def _codes(plan: Plan, select: str = "level") -> list[tuple[str, Severity, str]]:
    return [(f.code, f.severity, f.evidence) for f in run(plan, [select], level=SchoolLevel.TIEU_HOC)]


def _serious(plan: Plan) -> list[tuple[str, Severity, str]]:
    return [c for c in _codes(plan) if c[1] != Severity.INFO]


@pytest.mark.parametrize("maintained", ["Duy trì Mức II", "Giữ vững Mức III", "duy trì Mức 02"])
def test_a_maintained_roman_level_is_a_target(tmp_path: Path, maintained: str) -> None:
    body = (f"Tiêu chí 2.3: Đối với nhân viên\n\n+ Chỉ tiêu: {maintained}.\n\n+ Nhiệm vụ, giải pháp:\n\n"
            "- Cử nhân viên dự lớp bồi dưỡng nghiệp vụ.\n\n+ Thời gian thực hiện: Tháng 10/2025.\n")
    for plan in _both(tmp_path, body):
        item = plan.items[0]
        assert item.target_level == {"II": 2, "III": 3, "02": 2}[maintained.split()[-1]]
        assert "Nhiệm vụ" not in item.target.text  # 'Nhiệm vụ, giải pháp:' is a label of its own
        assert not [c for c in _serious(plan) if c[0] == "KC201"]


def test_a_roman_target_below_the_results_table(tmp_path: Path) -> None:
    body = _RESULTS + "Tiêu chí 2.3: Đối với nhân viên\n\nMục tiêu: Phấn đấu đạt Mức II\n\n" \
                      "Biện pháp: Bồi dưỡng nghiệp vụ cho nhân viên.\n"
    for plan in _both(tmp_path, body):
        assert ("KC211", Severity.ERROR, "Phấn đấu đạt Mức II") in _codes(plan)
    clean = body.replace("Phấn đấu đạt Mức II", "Giữ vững Mức III")
    for plan in _both(tmp_path, clean):
        assert not _serious(plan)


def test_current_level_beside_the_target(tmp_path: Path) -> None:
    body = ("Tiêu chí 4.1: Ban đại diện cha mẹ học sinh\n\nMục tiêu cần đạt: Mức 1 (hiện tại: Mức 2)\n\n"
            "Biện pháp: Họp ban đại diện mỗi học kỳ.\n")
    for plan in _both(tmp_path, body):
        item = plan.items[0]
        assert (item.target_level, item.current_level) == (1, 2)
        assert ("KC211", Severity.ERROR, "Mức 1") in _codes(plan)
    for plan in _both(tmp_path, body.replace("Mức 1 (hiện tại", "Giữ vững Mức 2 (hiện tại")):
        assert not [c for c in _serious(plan) if c[0] in ("KC201", "KC211")]


_TABLE_HEAD = "STT\tTiêu chí (mức hiện tại – mức cần đạt)\tNội dung công việc\tBộ phận phụ trách\tThời gian\n"


def test_criterion_column_with_a_note_carries_the_levels(tmp_path: Path) -> None:
    body = _TABLE_HEAD + ("1\tTiêu chí 4.1. Ban đại diện cha mẹ học sinh (Mức hiện tại: 3 – cần đạt: Mức 2)\t"
                          "Họp ban đại diện mỗi học kỳ\tHiệu trưởng\tTháng 10/2025\n")
    for plan in _both(tmp_path, body):
        item = plan.items[0]
        assert (item.criterion, item.target_level, item.current_level) == ("4.1", 2, 3)
        assert "KC211" in [c[0] for c in _codes(plan)]
    for plan in _both(tmp_path, body.replace("cần đạt: Mức 2", "cần đạt: Mức 3")):
        assert not [c for c in _serious(plan) if c[0] in ("KC201", "KC211")]


def test_a_criterion_cell_over_two_lines(tmp_path: Path) -> None:
    """In Word the criterion cell often breaks before its levels: the item is still read."""
    body = _TABLE_HEAD + "1\tTiêu chí 4.1. Ban đại diện cha mẹ học sinh\tHọp ban đại diện\tHiệu trưởng\tTháng 10/2025\n"
    path = build_docx(tmp_path / "p.docx", PlanLayout(title=_TITLE, body=body))
    doc = Document(str(path))
    cell = next(c for t in doc.tables for row in t.rows for c in row.cells if c.text.startswith("Tiêu chí 4.1"))
    cell.paragraphs[0].add_run().add_break()
    cell.paragraphs[0].add_run("(Mức hiện tại: 3 – cần đạt: Mức 2)")
    doc.save(str(path))
    item = plan_from_file(path).items[0]
    assert (item.criterion, item.target_level, item.current_level) == ("4.1", 2, 3)


_ITEM_TABLE = ("\tTiêu chí\tMục tiêu\tNội dung công việc\tNgười thực hiện\tThời gian\n"
               "\tTiêu chí 4.1: Ban đại diện cha mẹ học sinh\t{target}\tHọp ban đại diện\tHiệu trưởng\tTháng 10/2025\n")


def test_a_status_in_a_table_target_cell_is_the_current_level(tmp_path: Path) -> None:
    """'Đã đạt Mức 3' in the target column says where the criterion is: KC202 compares it with the results."""
    body = _RESULTS + _ITEM_TABLE.format(target="Đã đạt Mức 3")
    for plan in _both(tmp_path, body):
        item = next(i for i in plan.items if i.criterion == "4.1")
        assert item.target_is_status and item.current_level == 3 and item.target_level is None
        assert "KC202" in [c[0] for c in _codes(plan)]
    for plan in _both(tmp_path, _RESULTS + _ITEM_TABLE.format(target="Đã đạt Mức 2")):
        assert "KC202" not in [c[0] for c in _codes(plan)]


@pytest.mark.parametrize("label", ["Hiện trạng", "Mức đã đạt", "Kết quả tự đánh giá"])
def test_current_level_under_its_own_label(tmp_path: Path, label: str) -> None:
    body = (f"Tiêu chí 4.1: Ban đại diện cha mẹ học sinh\n\n{label}: Mức 3.\n\nMục tiêu cần đạt: Đạt Mức 2.\n\n"
            "Biện pháp: Họp ban đại diện mỗi học kỳ.\n")
    for plan in _both(tmp_path, body):
        assert ("KC211", Severity.ERROR, "Đạt Mức 2") in _codes(plan)
    for plan in _both(tmp_path, body.replace("Đạt Mức 2.", "Giữ vững Mức 3.")):
        assert not _serious(plan)
