"""Completeness of items and schedules (KC570-KC572), schedule dates (KC160-KC161) and the schedule
against the body (KC723), in paragraph and table layouts, text exports and Word files."""

from __future__ import annotations

from pathlib import Path

from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Severity

HEAD = "Số: 21/KH-MGSM\n\nSen Mỹ, ngày 08 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
       "Cải tiến chất lượng giáo dục năm học 2025-2026\n\nIII. NỘI DUNG\n\n"
COLUMNS = ["TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt (so với hiện trạng)", "Công việc/giải pháp cần thực hiện",
           "Chủ trì và phối hợp thực hiện", "Thời gian thực hiện và hoàn thành", "Dự kiến kinh phí", "Ghi chú"]


def item(crit: str, *, tasks: str | None = "Sắp xếp lại kho đồ chơi.", solutions: str | None = "Giao tổ nuôi dưỡng.",
         who: str | None = "Phó hiệu trưởng", start: str | None = "Tháng 10/2025",
         end: str | None = "Tháng 4/2026") -> str:
    lines = [f"Tiêu chí {crit}: Nội dung tiêu chí {crit}", "Mục tiêu cần đạt: Giữ vững Mức 2"]
    for label, value in (("Nội dung công việc cần thực hiện", tasks), ("Giải pháp thực hiện", solutions),
                         ("Người thực hiện", who), ("Thời gian bắt đầu", start), ("Thời gian hoàn thành", end)):
        if value is not None:
            lines.append(f"{label}: {value}")
    return "".join(f"{line}\n\n" for line in lines)


def row(crit: str, *cells: str) -> str:
    return "\t".join(["", f"Tiêu chí {crit}", "Đạt Mức 2", *cells]) + "\n"


def table(*rows: str) -> str:
    return "\t".join(COLUMNS) + "\n" + "".join(rows) + "\n"


def check(body: str, code: str, head: str = HEAD) -> list[Finding]:
    return run(plan_from_text(head + body), [code])


def check_docx(tmp_path: Path, body: str, code: str, title: str = "Cải tiến chất lượng giáo dục năm học 2025-2026",
               name: str = "plan.docx") -> list[Finding]:
    path = build_docx(tmp_path / name, PlanLayout(
        left=["UBND XÃ SEN MỸ", "TRƯỜNG MẪU GIÁO SEN MỸ"], number="Số: 21/KH-MGSM",
        place_date="Sen Mỹ, ngày 08 tháng 10 năm 2025", title=["KẾ HOẠCH", title], body="III. NỘI DUNG\n\n" + body,
    ))
    return run(plan_from_file(path), [code])


# ----------------------------------------------------------------------------- missing fields, paragraphs

COMPLETE = item("1.1") + item("1.2") + item("1.3")


def test_complete_items_pass(tmp_path: Path) -> None:
    assert check(COMPLETE, "KC570") == []
    assert check_docx(tmp_path, COMPLETE, "KC570") == []


def test_missing_completion_quotes_the_start_line(tmp_path: Path) -> None:
    body = item("1.1") + item("1.2", end=None) + item("1.3")
    [f] = check(body, "KC570")
    assert f.evidence == "Thời gian bắt đầu: Tháng 10/2025" and f.location.criterion == "1.2"
    assert "thời gian hoàn thành" in f.message.vi and f.severity == Severity.WARNING
    [g] = check_docx(tmp_path, body, "KC570")
    assert g.evidence == "Thời gian bắt đầu: Tháng 10/2025"


def test_missing_solution_quotes_the_tasks_line() -> None:
    # The work line may already hold the solution: the reviewer judges there.
    [f] = check(item("1.1") + item("1.2", solutions=None) + item("1.3"), "KC570")
    assert f.evidence == "Nội dung công việc cần thực hiện: Sắp xếp lại kho đồ chơi."
    assert "giải pháp" in f.message.vi


def test_a_field_skipped_inside_an_item_quotes_its_heading(tmp_path: Path) -> None:
    [f] = check(item("1.1") + item("1.2", who=None) + item("1.3"), "KC570")
    assert f.evidence == "Tiêu chí 1.2: Nội dung tiêu chí 1.2" and "người thực hiện" in f.message.vi
    # A budget line after the gap: the item goes on past it, the heading names it.
    budget = item("1.2", end=None) + "Dự kiến kinh phí: 1.000.000 đồng\n\n"
    [g] = check(item("1.1") + budget + item("1.3"), "KC570")
    assert g.evidence == "Tiêu chí 1.2: Nội dung tiêu chí 1.2" and "hoàn thành" in g.message.vi
    [h] = check_docx(tmp_path, item("1.1") + budget + item("1.3"), "KC570")
    assert h.evidence == "Tiêu chí 1.2: Nội dung tiêu chí 1.2"


def test_a_field_most_siblings_lack_is_not_required() -> None:
    # One item of four names a responsible party: the plan's pattern is not to, nobody else is 'missing' it.
    body = item("1.1") + item("1.2", who=None) + item("1.3", who=None) + item("1.4", who=None)
    assert check(body, "KC570") == []
    # Three of four do: the fourth lacks it.
    body = item("1.1") + item("1.2") + item("1.3", who=None) + item("1.4")
    [f] = check(body, "KC570")
    assert f.location.criterion == "1.3" and "người thực hiện" in f.message.vi


def test_item_with_only_a_target_quotes_its_heading() -> None:
    body = item("1.1") + item("1.2", tasks=None, solutions=None, who=None, start=None, end=None) + item("1.3")
    [f] = check(body, "KC570")
    assert f.evidence == "Tiêu chí 1.2: Nội dung tiêu chí 1.2" and f.severity == Severity.WARNING


def test_only_the_fields_the_plan_uses_are_required() -> None:
    # No item names a responsible party: the plan does not use that field, nothing is missing.
    body = item("1.1", who=None) + item("1.2", who=None) + item("1.3", who=None)
    assert check(body, "KC570") == []
    # One 'Thời gian thực hiện' line holds both ends.
    timing = item("1.2", start=None, end=None) + "Thời gian thực hiện: Từ tháng 10/2025 đến tháng 4/2026\n\n"
    assert check(item("1.1") + timing + item("1.3"), "KC570") == []


def test_status_lines_are_not_items() -> None:
    body = item("1.1") + "1.2. Tiêu chí 1.2: Hội đồng trường và các hội đồng khác: Đã đạt Mức 2\n\n" + item("1.3")
    assert check(body, "KC570") == []


# ----------------------------------------------------------------------------- missing fields, tables


def test_table_cells_the_header_declares(tmp_path: Path) -> None:
    body = table(row("1.1", "Rà soát hồ sơ", "Hiệu trưởng", "Tháng 12/2025", ""),
                 row("1.4", "Bồi dưỡng tổ trưởng", "", "Tháng 3/2026", "2.000.000"))
    [f] = check(body, "KC570")
    assert f.location.criterion == "1.4" and "người thực hiện" in f.message.vi and f.evidence == "Tiêu chí 1.4"
    [g] = check_docx(tmp_path, body, "KC570")
    assert g.location.table is not None and g.location.criterion == "1.4"
    complete = table(row("1.1", "Rà soát hồ sơ", "Hiệu trưởng", "Tháng 12/2025", ""),
                     row("1.4", "Bồi dưỡng tổ trưởng", "Phó hiệu trưởng", "Tháng 3/2026", ""))
    assert check(complete, "KC570") == []
    assert check_docx(tmp_path, complete, "KC570", name="ok.docx") == []
    # A declared column the table leaves empty in (nearly) every row is a field the plan does not give.
    nobody = table(*(row(c, "Rà soát hồ sơ", "", "Tháng 12/2025", "") for c in ("1.1", "1.2", "1.3")))
    assert check(nobody, "KC570") == []


# ----------------------------------------------------------------------------- task tables (not item tables)

# Two shapes of task table, columns in different orders, each row as (time, work, who) in its own order.
TASK_TABLES = {
    "time_first": (["Thời gian", "Nội dung công việc", "Người thực hiện", "Kết quả"],
                   lambda when, work, who: [when, work, who, "Có biên bản"]),
    "numbered": (["STT", "Nội dung", "Thời gian", "Phụ trách"],
                 lambda when, work, who: ["", work, when, who]),
}
TASKS = [("Tuần 1 tháng 10/2025", "Họp hội đồng tự đánh giá.", "Hiệu trưởng"),
         ("Tuần 2 tháng 10/2025", "Thu thập minh chứng tiêu chuẩn 1.", "Nhóm 1"),
         ("Tuần 3 tháng 10/2025", "Viết phiếu đánh giá tiêu chí.", "Các nhóm công tác"),
         ("Tuần 4 tháng 10/2025", "Dự thảo báo cáo tự đánh giá.", "Thư ký hội đồng")]


def task_table(shape: str, rows: list[tuple[str, str, str]]) -> str:
    header, order = TASK_TABLES[shape]
    return "\t".join(header) + "\n" + "".join("\t".join(order(*r)) + "\n" for r in rows) + "\n"


def test_task_table_row_without_its_owner(tmp_path: Path) -> None:
    for shape in TASK_TABLES:
        gap = [*TASKS[:2], (TASKS[2][0], TASKS[2][1], ""), TASKS[3]]
        [f] = check(task_table(shape, gap), "KC570")
        assert f.evidence == "Viết phiếu đánh giá tiêu chí." and "người thực hiện" in f.message.vi, shape
        [g] = check_docx(tmp_path, task_table(shape, gap), "KC570", name=f"{shape}.docx")
        assert g.evidence == f.evidence and g.location.table is not None
        assert check(task_table(shape, TASKS), "KC570") == []
        assert check_docx(tmp_path, task_table(shape, TASKS), "KC570", name=f"{shape}_ok.docx") == []


def test_task_table_row_without_its_time() -> None:
    gap = [*TASKS[:3], ("", TASKS[3][1], TASKS[3][2])]
    [f] = check(task_table("numbered", gap), "KC570")
    assert f.evidence == "Dự thảo báo cáo tự đánh giá." and "thời gian" in f.message.vi


def test_task_table_pattern_and_phase_rows() -> None:
    # A column the table leaves empty in most rows is not a field the plan gives.
    nobody = [(w, t, "") for w, t, _ in TASKS[:3]] + [TASKS[3]]
    assert check(task_table("time_first", nobody), "KC570") == []
    # A phase heading ('Giai đoạn 2: ...') alone in its row is no task.
    body = task_table("time_first", TASKS).replace("Tuần 3", "\tGiai đoạn 2: Viết báo cáo\t\t\nTuần 3", 1)
    assert check(body, "KC570") == []


def test_task_table_row_without_its_work(tmp_path: Path) -> None:
    # A row that gives its own time (and maybe who) but no work lost its task: KC572 at its time cell.
    for shape in TASK_TABLES:
        for who in ("Thư ký hội đồng", ""):
            gap = [*TASKS[:3], (TASKS[3][0], "", who)]
            [f] = check(task_table(shape, gap), "KC572")
            assert f.evidence == "Tuần 4 tháng 10/2025" and f.location.table is not None, shape
            [g] = check_docx(tmp_path, task_table(shape, gap), "KC572", name=f"{shape}_work.docx")
            assert g.evidence == f.evidence
            assert check(task_table(shape, gap), "KC570") == []  # one defect, one finding


def test_task_table_time_headings_and_continuations(tmp_path: Path) -> None:
    # A time alone in its row over rows without times heads them; a school year heading heads rows with times.
    month = "Thời gian\tNội dung công việc\tNgười thực hiện\nTháng 10/2025\t\t\n" + "".join(
        f"\t{work}\t{who}\n" for _, work, who in TASKS) + "\n"
    assert check(month, "KC572") == [] and check(month, "KC570") == []
    years = task_table("time_first", TASKS).replace("Tuần 1", "Năm học 2025-2026\t\t\t\nTuần 1", 1)
    assert check(years, "KC572") == []
    # A row continuing the one above (its time and work merged down: empty in a text export) is no row.
    cont = task_table("time_first", TASKS).replace("Tuần 2", "\t\tPhó hiệu trưởng\tCó danh sách\nTuần 2", 1)
    assert check(cont, "KC572") == []
    assert check_docx(tmp_path, month, "KC572", name="month.docx") == []


def test_task_table_two_row_header() -> None:
    # 'Thời gian' over 'Bắt đầu | Kết thúc': one header; the sub-header row is no task row.
    head = "TT\tNội dung công việc\tThời gian\t\tNgười thực hiện\n\t\tBắt đầu\tHoàn thành\t\n"
    rows = "".join(f"{k}\t{work}\t{when}\tTháng 5/2026\t{who}\n" for k, (when, work, who) in enumerate(TASKS, 1))
    plan = plan_from_text(HEAD + head + rows + "\n")
    assert len(plan.tasks) == 4 and {"start", "end", "responsible"} <= set(plan.tasks[0].fields)
    assert run(plan, ["KC570", "KC571", "KC572"]) == []
    gap = rows.replace("\tTháng 5/2026\tNhóm 1", "\t\tNhóm 1")
    [f] = check(head + gap + "\n", "KC570")
    assert f.evidence == "Thu thập minh chứng tiêu chuẩn 1." and "hoàn thành" in f.message.vi


# ----------------------------------------------------------------------------- column shift

# A 10-column table with the short 'TC n.m – Title' in its criterion column; the last row's cells slid one
# column right after its work (an empty cell inserted).
WIDE = ["TT", "Tiêu chuẩn, tiêu chí", "Mức hiện tại", "Mức cần đạt", "Nội dung công việc", "Chủ trì",
        "Phối hợp", "Bắt đầu", "Hoàn thành", "Kinh phí (triệu đồng)", "Ghi chú"]


def wide(*shifted: bool, note: str = "") -> str:
    rows = []
    for k, crit in enumerate(("1.1", "1.3", "2.1", "3.2", "4.1"), 1):
        cells = [str(k), f"TC {crit} – Tên tiêu chí {crit}", "2", "3", f"Rà soát hồ sơ {crit}", "Hiệu trưởng",
                 "Tổ trưởng", "10/2025", "05/2026", "5", note if k == 2 else ""]
        if k <= len(shifted) and shifted[k - 1]:
            cells = [*cells[:5], "", *cells[5:10]]
        rows.append("\t".join(cells) + "\n")
    return "\t".join(WIDE) + "\n" + "".join(rows) + "\n"


def test_column_shift_learned_from_rows(tmp_path: Path) -> None:
    bad = wide(False, False, False, False, True)
    [f] = check(bad, "KC571")
    assert f.severity == Severity.ERROR and f.location.criterion == "4.1"
    assert f.evidence.startswith("TC 4.1 – Tên tiêu chí 4.1") and "Tổ trưởng" in f.message.vi
    [g] = check_docx(tmp_path, bad, "KC571")
    assert g.location.criterion == "4.1"
    assert check(bad, "KC570") == []  # the owner is there, one column right
    # The twin, and an optional column one row fills with a note.
    assert check(wide(), "KC571") == [] and check(wide(), "KC570") == []
    assert check(wide(note="Phối hợp Hội cha mẹ học sinh"), "KC571") == []
    assert check_docx(tmp_path, wide(), "KC571", name="ok.docx") == []


def test_short_criterion_in_table_cell_is_an_item() -> None:
    plan = plan_from_text(HEAD + wide())
    assert [i.criterion for i in plan.items] == ["1.1", "1.3", "2.1", "3.2", "4.1"]
    gap = wide().replace("Rà soát hồ sơ 3.2\tHiệu trưởng", "Rà soát hồ sơ 3.2\t")
    [f] = check(gap, "KC570")
    assert f.evidence == "TC 3.2 – Tên tiêu chí 3.2" and "chủ trì" in f.message.vi


SHIFTED = table(row("1.1", "Rà soát hồ sơ", "Hiệu trưởng", "Tháng 12/2025", ""),
                row("1.10", "Phối hợp công an xã", "Cả năm học", "3 triệu/năm", "", ""))


def test_column_shift_text_and_word(tmp_path: Path) -> None:
    # The row's criterion, then its cells from the work column on.
    [f] = check(SHIFTED, "KC571")
    assert f.evidence.endswith("1.10\tPhối hợp công an xã\tCả năm học\t3 triệu/năm")
    assert f.severity == Severity.ERROR and f.location.criterion == "1.10"
    [g] = check_docx(tmp_path, SHIFTED, "KC571")
    assert g.evidence.endswith("1.10\tPhối hợp công an xã\tCả năm học\t3 triệu/năm")
    fixed = table(row("1.10", "Phối hợp công an xã", "Hiệu trưởng", "Cả năm học", "3 triệu/năm"))
    assert check(fixed, "KC571") == []
    assert check_docx(tmp_path, fixed, "KC571", name="ok.docx") == []


def test_one_sign_of_a_shift_is_a_warning() -> None:
    [f] = check(table(row("1.10", "Phối hợp công an xã", "Tháng 11/2025", "", "")), "KC571")
    assert f.severity == Severity.WARNING
    # A budget cell that mentions money is where money belongs.
    assert check(table(row("1.1", "Sửa chữa", "Kế toán", "Tháng 12/2025", "10.000.000 đồng")), "KC571") == []


# ----------------------------------------------------------------------------- schedules

SCHEDULE_HEAD = HEAD.replace("Cải tiến chất lượng giáo dục", "Kiểm định chất lượng giáo dục")
SCHEDULE = "Tháng\tNội dung công việc\tThời gian\n" \
           "11\t- Kiểm tra hồ sơ tổ chuyên môn.\tTuần 2\n\t\tTuần 4\n" \
           "12\t- Họp hội đồng tự đánh giá.\tTuần 1\n\t- Hoàn thiện minh chứng tiêu chuẩn 3.\tTuần 3\n\n"


def test_empty_schedule_rows(tmp_path: Path) -> None:
    [f] = check(SCHEDULE, "KC572", SCHEDULE_HEAD)
    assert f.evidence == "11\t- Kiểm tra hồ sơ tổ chuyên môn.\tTuần 2" and "Tuần 4" in f.message.vi
    full = SCHEDULE.replace("\t\tTuần 4", "\t- Góp ý báo cáo.\tTuần 4")
    assert check(full, "KC572", SCHEDULE_HEAD) == []
    [g] = check_docx(tmp_path, SCHEDULE, "KC572")
    assert g.location.table is not None
    assert check_docx(tmp_path, full, "KC572", name="ok.docx") == []


def test_week_out_of_range(tmp_path: Path) -> None:
    # February 2026 starts on a Sunday: five Monday-started weeks; May 2026 has five too, June 2026 five.
    body = "Tháng\tNội dung\tTuần\n2\t- Giao lưu mùa xuân.\tTuần 3, 6\n5\t- Tổng kết.\tTuần 5\n\n"
    [f] = check(body, "KC160", SCHEDULE_HEAD)
    assert f.evidence == "Tuần 3, 6" and f.severity == Severity.ERROR and "2/2026" in f.message.vi
    assert check(body.replace("Tuần 3, 6", "Tuần 3, 5"), "KC160", SCHEDULE_HEAD) == []
    assert len(check_docx(tmp_path, body, "KC160")) == 1
    # A cycle plan cannot place a bare month in a year: nothing to check.
    cycle = SCHEDULE_HEAD.replace("năm học 2025-2026", "giai đoạn 2025-2028")
    assert check(body, "KC160", cycle) == []


def test_deadline_before_issue(tmp_path: Path) -> None:
    body = item("1.1") + item("1.2", end="Tháng 9/2025") + item("1.3")
    [f] = check(body, "KC161")
    assert f.evidence == "Tháng 9/2025" and f.kind == "date.deadline_before_issue" and f.location.criterion == "1.2"
    assert check(COMPLETE, "KC161") == []
    # The issue month itself is still open: a deadline at its end is fine.
    assert check(item("1.1", end="Tháng 10/2025"), "KC161") == []
    in_table = table(row("1.4", "Bồi dưỡng", "Phó hiệu trưởng", "Tháng 8/2025", ""))
    assert len(check(in_table, "KC161")) == 1
    assert len(check_docx(tmp_path, in_table, "KC161")) == 1
    # A future or post-period issue date is the suspect (KC102/KC103): its echoes are not reported.
    for year in ("2027", "2029"):
        head = HEAD.replace("năm 2025", f"năm {year}")
        assert check(body, "KC161", head=head) == [], year


# ----------------------------------------------------------------------------- schedule against body

BODY = "1. Rà soát tiêu chuẩn cơ sở vật chất các nhóm lớp (hoàn thành trước tháng 12/2025).\n\n" \
       "2. Hội thi bé khỏe bé ngoan cấp trường: tháng 3/2026.\n\n" \
       "3. Cập nhật tủ sách theo Thông tư số 16/2022/TT-BGDĐT ngày 22/11/2022 của Bộ GDĐT: tháng 1/2026.\n\n"


def schedule(*rows: tuple[str, str, str]) -> str:
    return "Tháng\tNội dung\tThời gian\n" + "".join("\t".join(r) + "\n" for r in rows) + "\n"


def test_schedule_contradicts_the_body(tmp_path: Path) -> None:
    late = schedule(("3", "- Rà soát tiêu chuẩn cơ sở vật chất các nhóm lớp.", "Tuần 1"))
    [f] = check(BODY + late, "KC723", SCHEDULE_HEAD)
    assert f.evidence == "- Rà soát tiêu chuẩn cơ sở vật chất các nhóm lớp." and "12/2025" in f.message.vi
    assert len(check_docx(tmp_path, BODY + late, "KC723")) == 1
    moved = schedule(("4", "- Hội thi bé khỏe bé ngoan cấp trường.", "Tuần 2"))
    assert len(check(BODY + moved, "KC723", SCHEDULE_HEAD)) == 1


def test_schedule_agreeing_with_the_body_passes(tmp_path: Path) -> None:
    agreeing = schedule(("11", "- Rà soát tiêu chuẩn cơ sở vật chất các nhóm lớp.", "Tuần 1"),
                        ("3", "- Hội thi bé khỏe bé ngoan cấp trường.", "Tuần 2"),
                        # The circular's own date (22/11/2022) says nothing about when the task happens.
                        ("1", "- Cập nhật tủ sách theo Thông tư 16/2022.", "Tuần 3"))
    assert check(BODY + agreeing, "KC723", SCHEDULE_HEAD) == []
    assert check_docx(tmp_path, BODY + agreeing, "KC723") == []


def roadmap_item(crit: str, *, time: bool = True, budget: bool = True) -> str:
    """An item in another label family, its time between its measures and its owner."""
    lines = [f"b) Tiêu chí {crit}. Nội dung tiêu chí {crit} (hiện đạt Mức 2)", "Chỉ tiêu: nâng lên Mức 3.",
             "Biện pháp: rà soát hồ sơ và bổ sung thiết bị."]
    lines += ["Lộ trình: từ tháng 11/2025 đến tháng 3/2026."] if time else []
    lines += ["Phụ trách: Phó hiệu trưởng."] + (["Nguồn lực: 2.000.000 đồng."] if budget else [])
    return "".join(f"{line}\n\n" for line in lines)


def test_a_missing_field_is_placed_by_the_plans_own_order(tmp_path: Path) -> None:
    # The plan writes its time before the owner: a missing time is a gap inside the item, not after its last line.
    body = roadmap_item("1.1") + roadmap_item("1.2", time=False) + roadmap_item("1.3")
    for found in (check(body, "KC570"), check_docx(tmp_path, body, "KC570")):
        [f] = found
        assert f.evidence == "b) Tiêu chí 1.2. Nội dung tiêu chí 1.2 (hiện đạt Mức 2)" and "thời gian" in f.message.vi
    # The items disagree on where the time goes: the heading too.
    mixed = item("1.1") + roadmap_item("1.2") + item("1.3", who=None)
    assert "Tiêu chí 1.3: Nội dung tiêu chí 1.3" in {f.evidence for f in check(mixed, "KC570")}
    # Its owner last, the budget absent everywhere: a missing owner belongs after the item's last line.
    body = (roadmap_item("1.1", budget=False) + roadmap_item("1.2", budget=False).replace("Phụ trách: Phó hiệu "
            "trưởng.\n\n", "") + roadmap_item("1.3", budget=False))
    for found in (check(body, "KC570"), check_docx(tmp_path, body, "KC570", name="b.docx")):
        [f] = found
        assert f.evidence == "Lộ trình: từ tháng 11/2025 đến tháng 3/2026." and "người" in f.message.vi
    assert check(roadmap_item("1.1") + roadmap_item("1.2") + roadmap_item("1.3"), "KC570") == []
