"""The subject line under 'KẾ HOẠCH' (issue 15): its later lines stop at a numbered line, at a sentence-case
part heading without a year ('Mục đích, yêu cầu') and at a body sentence; its first line is always the subject
('Cải tiến chất lượng …' is itself a part phrase). Invented plans, as text and as Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text
from plan_docx import PlanLayout, build_docx

from kclint.model import Plan

_HEAD = ["TRƯỜNG TIỂU HỌC PHÚ AN", "Số: 4/KH-THPA", "Phú An, ngày 06 tháng 10 năm 2025"]
_BODY = "II. NỘI DUNG\n\nTiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n"


def _plan(subject: list[str], after: str, layout: str, tmp_path: Path) -> Plan:
    if layout == "txt":
        return plan_from_text("\n\n".join(_HEAD) + "\n\nKẾ HOẠCH\n" + "\n".join(subject) + f"\n{after}\n\n{_BODY}")
    path = build_docx(tmp_path / "plan.docx", PlanLayout(
        left=_HEAD[:1], number=_HEAD[1], place_date=_HEAD[2], title=["KẾ HOẠCH", *subject],
        body=f"{after}\n\n{_BODY}"))
    return plan_from_file(path)


_LAYOUTS = pytest.mark.parametrize("layout", ["txt", "docx"])
_ONE = ["Cải tiến chất lượng giáo dục năm học 2025-2026"]
_TWO = ["Cải tiến chất lượng giáo dục", "năm học 2025-2026"]


@_LAYOUTS
@pytest.mark.parametrize(("subject", "after"), [
    (_ONE, "Mục đích, yêu cầu"),
    (_ONE, "Đặc điểm tình hình nhà trường"),
    (_TWO, "Mục tiêu cải tiến"),
    (_ONE, "Nhà trường có 20 lớp với 640 học sinh."),
    (_ONE, "1. Mục đích"),
    (["Cải tiến chất lượng giáo dục", "Giai đoạn 2025-2030"], "Kết quả đạt được"),
])
def test_the_subject_stops_before_the_body(subject: list[str], after: str, layout: str, tmp_path: Path) -> None:
    plan = _plan(subject, after, layout, tmp_path)
    assert plan.subject is not None and plan.subject.text == " ".join(subject)


@_LAYOUTS
@pytest.mark.parametrize("subject", [
    ["Cải tiến chất lượng giáo dục", "Trường Tiểu học Phú An"],  # the school's name on the second line
    ["CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC", "NỘI DUNG CẢI TIẾN NĂM HỌC 2025-2026"],  # capitals are the title's
    ["Cải tiến chất lượng", "giáo dục năm học 2025-2026"],
])
def test_a_subject_on_several_lines_is_kept_whole(subject: list[str], layout: str, tmp_path: Path) -> None:
    plan = _plan(subject, "", layout, tmp_path)
    assert plan.subject is not None and plan.subject.text == " ".join(subject)
