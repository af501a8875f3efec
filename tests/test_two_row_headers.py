"""Criterion tables whose header spans two rows: a group cell ('Mức', 'Thời gian') merged over its sub-columns.

Word writes the group cell once with ``gridSpan`` (the top row has no cell under the spanned columns) and the
single-row columns with ``vMerge``; a text export leaves the spanned cell empty or repeats the group's text. The
sub-header names the columns ('Hiện tại | Cần đạt', 'Từ ngày | Đến ngày'), so every column after the criterion
is read where it stands, exactly as its one-row twin ('Mức hiện tại | Mức cần đạt') reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from word_xml import docx, p, tbl, tc, tr

from kclint.model import Plan

HEAD = ["TRƯỜNG TIỂU HỌC HOA SEN", "Số: 07/KH-THHS", "Hoa Sen, ngày 20 tháng 9 năm 2026", "KẾ HOẠCH",
        "Cải tiến chất lượng giáo dục năm học 2026-2027", "III. NỘI DUNG CẢI TIẾN",
        "1. Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"]
# Criterion, current level, target level, work, from, to, who. At primary level 1.2 stops at Mức 2, so a
# target 3 there is wrong; 1.4 aims below the level it holds.
ROWS = [
    ("1.2. Hội đồng trường và các hội đồng khác", "2", "3", "Rà soát quy chế làm việc của các hội đồng",
     "10/2026", "12/2026", "Hiệu trưởng"),
    ("1.3. Tổ chức Đảng, đoàn thể", "2", "2", "Duy trì sinh hoạt chi bộ đúng kỳ", "10/2026", "05/2027",
     "Bí thư chi bộ"),
    ("1.4. Tổ chuyên môn và tổ văn phòng", "3", "2", "Đổi mới sinh hoạt tổ theo nghiên cứu bài học",
     "11/2026", "04/2027", "Tổ trưởng chuyên môn"),
]
ONE_ROW = ["TT", "Tiêu chí", "Mức hiện tại", "Mức cần đạt", "Công việc", "Từ ngày", "Đến ngày", "Người phụ trách"]
TOP = ["TT", "Tiêu chí", "Mức", "", "Công việc", "Thời gian", "", "Người phụ trách"]
SUB = ["", "", "Hiện tại", "Cần đạt", "", "Từ ngày", "Đến ngày", ""]


def _repeat(top: list[str]) -> list[str]:
    """The merged cell's text repeated under every column it spans."""
    return [x or top[c - 1] if c in (3, 6) else x for c, x in enumerate(top)]


def text_plan(header: list[list[str]]) -> Plan:
    rows = [[str(k), *r] for k, r in enumerate(ROWS, 1)]
    table = "".join("\t".join(r) + "\n" for r in [*header, *rows])
    return plan_from_text("\n\n".join(HEAD) + "\n\n" + table + "\n")


def docx_plan(tmp_path: Path) -> Plan:
    """The two-row header as Word writes it: gridSpan over the sub-columns, vMerge down the single columns."""
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    span = '<w:gridSpan w:val="2"/>'
    top = tr(tc(p("TT"), tcpr=restart), tc(p("Tiêu chí"), tcpr=restart), tc(p("Mức"), tcpr=span),
             tc(p("Công việc"), tcpr=restart), tc(p("Thời gian"), tcpr=span), tc(p("Người phụ trách"), tcpr=restart))
    sub = tr(tc(p(), tcpr=cont), tc(p(), tcpr=cont), tc(p("Hiện tại")), tc(p("Cần đạt")), tc(p(), tcpr=cont),
             tc(p("Từ ngày")), tc(p("Đến ngày")), tc(p(), tcpr=cont))
    body = [tr(*(tc(p(x)) for x in (str(k), *r))) for k, r in enumerate(ROWS, 1)]
    path = tmp_path / "two_rows.docx"
    path.write_bytes(docx("".join(p(x) for x in HEAD) + tbl(top, sub, *body)))
    return plan_from_file(path)


def levels(plan: Plan) -> list[tuple[str, int | None, int | None]]:
    return [(i.criterion, i.current_level, i.target_level) for i in plan.items]


def findings(plan: Plan) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.location.criterion) for f in run(plan, ["KC201", "KC210", "KC211", "KC571", "KC107"]))


EXPECTED_LEVELS = [("1.2", 2, 3), ("1.3", 2, 2), ("1.4", 3, 2)]
# The defects the rows hold, and nothing else (no 'no target' KC201, no column shift, no vague date).
EXPECTED = [("KC210", "1.2"), ("KC211", "1.4")]


@pytest.mark.parametrize("header", [[TOP, SUB], [_repeat(TOP), SUB]], ids=["empty", "repeated"])
def test_text_two_row_header(header: list[list[str]]) -> None:
    plan = text_plan(header)
    assert levels(plan) == EXPECTED_LEVELS
    assert {"current", "target", "tasks", "start", "end", "responsible"} <= set(plan.items[0].columns.values())
    assert findings(plan) == EXPECTED


def test_docx_two_row_header(tmp_path: Path) -> None:
    plan = docx_plan(tmp_path)
    assert levels(plan) == EXPECTED_LEVELS
    assert findings(plan) == EXPECTED


def test_one_row_twin_reads_the_same() -> None:
    plan = text_plan([ONE_ROW])
    assert levels(plan) == EXPECTED_LEVELS
    assert findings(plan) == EXPECTED
