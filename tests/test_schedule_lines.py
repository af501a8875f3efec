"""Schedules written as lines: each line a task row (time, task, party), and KC570 on a line without the party
its sibling lines all name."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

HEAD = ("Số: 08/KH-THPL\n\nPhú Lộc, ngày 02 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
        "Tự đánh giá chất lượng giáo dục năm học 2025-2026\n\nIV. LỊCH TRÌNH\n\n")

# Four lines in a bracket style and a dash style; {p3} is the third line's party part.
BRACKETS = ("- Tuần 2 tháng 10/2025: lập danh sách nhóm công tác (Hiệu trưởng).\n\n"
            "- Tuần 4 tháng 10/2025: phân công viết phiếu (Phó Chủ tịch Hội đồng).\n\n"
            "- Tháng 11/2025: thu thập minh chứng theo tiêu chuẩn{p3}.\n\n"
            "- Tuần 1 tháng 12/2025 (từ 01/12 đến 05/12/2025): viết phiếu đánh giá (các nhóm).\n\n")
DASHES = ("+ Tháng 10/2025: họp triển khai kế hoạch – Chủ tịch HĐ\n\n"
          "+ Tháng 11/2025: mã hoá minh chứng – tổ văn phòng\n\n"
          "+ Tháng 12/2025: dự thảo báo cáo{p3}\n\n"
          "+ Tháng 01/2026: hoàn thiện báo cáo – Thư ký HĐ\n\n")


def found(body: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.evidence) for f in run(plan_from_text(HEAD + body), select=["KC570"])]


def test_lines_are_task_rows_with_time_task_and_party() -> None:
    plan = plan_from_text(HEAD + BRACKETS.format(p3=" (tổ chuyên môn)") + DASHES.format(p3=" – Thư ký HĐ"))
    rows = [r for r in plan.tasks if r.layout == "line"]
    got = [(r.fields["timing"].text, r.fields["tasks"].text, r.fields["responsible"].text) for r in rows]
    assert got[3] == ("Tuần 1 tháng 12/2025 (từ 01/12 đến 05/12/2025)", "viết phiếu đánh giá", "các nhóm")
    assert got[5] == ("Tháng 11/2025", "mã hoá minh chứng", "tổ văn phòng")
    assert len(rows) == 8 and len({r.run for r in rows}) == 1  # lines one after another are one run


@pytest.mark.parametrize("body,party", [(BRACKETS, " (tổ chuyên môn)"), (DASHES, " – Thư ký HĐ")])
def test_a_line_without_the_party_its_siblings_name(body: str, party: str) -> None:
    missing = found(body.format(p3=""))
    assert len(missing) == 1 and missing[0][0] == "warning", missing
    assert missing[0][1].startswith("Tháng 1") and "(" not in missing[0][1] and "–" not in missing[0][1]
    assert found(body.format(p3=party)) == []


def test_no_line_names_a_party_no_pattern() -> None:
    body = "".join(f"- Tháng {m}/2025: công việc số {m} của kế hoạch.\n\n" for m in (9, 10, 11, 12))
    assert found(body) == []


def test_a_bracket_that_is_no_party_is_no_pattern() -> None:
    body = ("- Tháng 10/2025: nộp phiếu (theo mẫu 2).\n\n- Tháng 11/2025: nộp minh chứng (bản scan).\n\n"
            "- Tháng 12/2025: nộp báo cáo.\n\n- Tháng 01/2026: họp xét duyệt – tổ chức trực tuyến\n\n")
    assert found(body) == []


def test_a_sub_heading_gives_the_party_of_its_lines() -> None:
    body = (BRACKETS.format(p3=" (tổ chuyên môn)")
            + "Tổ văn phòng thực hiện:\n\n- Tháng 02/2026: lưu trữ hồ sơ.\n\n- Tháng 3/2026: gửi báo cáo.\n\n")
    assert found(body) == []


def test_prose_sentences_that_start_with_a_date_are_no_schedule_lines() -> None:
    body = ("Tháng 9/2025, nhà trường đã tổ chức tổng kết (Hiệu trưởng chủ trì).\n\n"
            "Tháng 10/2025, hội đồng họp phiên thứ nhất (Chủ tịch Hội đồng).\n\n"
            "Năm học 2024-2025: trường đạt Mức 2 (Hiệu trưởng).\n\n"
            "Tháng 11/2025 các nhóm bắt đầu thu thập minh chứng.\n\n")
    plan = plan_from_text(HEAD + body)
    assert [r for r in plan.tasks if r.layout == "line"] == []
    assert found(body) == []
