"""KC161 on a timetable the plan is issued in the middle of: the steps above the row holding the issue date
are the process's earlier steps (the council that signs the plan is formed first), so they are info."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

ISSUED = "ngày 15 tháng 10 năm 2025"
TITLE = ["KẾ HOẠCH", "Tự đánh giá chất lượng giáo dục năm học 2025-2026"]
HEADER = ["Thời gian", "Việc cần làm", "Phụ trách"]
UNDERWAY = [["01/10/2025 - 08/10/2025", "Ra quyết định lập hội đồng", "Hiệu trưởng"],
            ["13/10/2025 - 20/10/2025", "Phổ biến kế hoạch tới các tổ", "Chủ tịch hội đồng"],
            ["Tháng 11/2025", "Gom và xếp minh chứng", "Các nhóm"]]
# The same first step, but no row holds the issue date: nothing shows the process is under way.
NOT_UNDERWAY = [UNDERWAY[0], UNDERWAY[2]]


def _text(rows: list[list[str]], pipes: bool) -> str:
    if pipes:
        table = "\n".join(["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
                          + ["| " + " | ".join(r) + " |" for r in rows])
    else:
        table = "\n".join("\t".join(r) for r in [HEADER, *rows])
    return (f"TRƯỜNG THCS HÒA BÌNH\n\nSố: 14/KH-THCSHB\n\nHòa Bình, {ISSUED}\n\n" + "\n".join(TITLE)
            + "\n\nIV. LỊCH THỰC HIỆN\n\n" + table + "\n")


def _findings(rows: list[list[str]], layout: str, tmp_path: Path) -> list[tuple[str, str]]:
    if layout == "docx":
        path = build_docx(tmp_path / "plan.docx", PlanLayout(
            left=["PHÒNG GD&ĐT HÒA BÌNH", "TRƯỜNG THCS HÒA BÌNH"], number="Số: 14/KH-THCSHB",
            place_date=f"Hòa Bình, {ISSUED}", title=TITLE,
            body="IV. LỊCH THỰC HIỆN\n\n" + "\n".join("\t".join(r) for r in [HEADER, *rows]) + "\n"))
        plan = plan_from_file(path)
    else:
        plan = plan_from_text(_text(rows, layout == "pipes"))
    return [(f.severity.value, f.evidence) for f in run(plan, ["KC161"])]


@pytest.mark.parametrize("layout", ["tabs", "pipes", "docx"])
def test_step_before_the_row_holding_the_issue_date_is_info(layout: str, tmp_path: Path) -> None:
    assert _findings(UNDERWAY, layout, tmp_path) == [("info", "08/10/2025")]


@pytest.mark.parametrize("layout", ["tabs", "pipes", "docx"])
def test_step_before_issue_in_a_timetable_not_under_way_is_a_warning(layout: str, tmp_path: Path) -> None:
    assert _findings(NOT_UNDERWAY, layout, tmp_path) == [("warning", "08/10/2025")]
