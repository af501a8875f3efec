"""Locations a Word user can follow: section headings and paragraph openings, not paragraph numbers."""

from __future__ import annotations

from kclint.evidence import Places, opening
from kclint.model import Location
from kclint.report import ReportOptions, render
from kclint.report.words import where
from kclint.results import FileResult
from tests.helpers import plan_from_text, run

PLAN = """TRƯỜNG TIỂU HỌC BẾN ĐÒ

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025 - 2026

I. MỤC TIÊU CHUNG CỦA NHÀ TRƯỜNG TRONG NĂM

Duy trì tỉ lệ học sinh hoàn thành chương trình: 40/50 đạt 81%.
"""


def _result() -> FileResult:
    plan = plan_from_text(PLAN)
    findings = [f for f in run(plan) if f.code == "KC302"]
    assert findings, "the plan's wrong percentage must be found"
    return FileResult("p.txt", plan, findings)


def test_report_names_heading_and_paragraph_opening_in_both_languages() -> None:
    r = _result().without_plan()  # a batch keeps only the summary: the places must survive it
    f = r.findings[0]
    assert where(f.location, r, "vi").startswith("mục I “MỤC TIÊU CHUNG CỦA NHÀ TRƯỜNG…”")
    assert "đoạn bắt đầu “Duy trì tỉ lệ học sinh…”" in where(f.location, r, "vi")
    assert "paragraph beginning “Duy trì" in where(f.location, r, "en")
    for lang in ("vi", "en"):
        text = render("text", [r], ReportOptions(lang=lang))
        assert "“Duy trì tỉ lệ học sinh…”" in text
        assert "đoạn 5" not in text and "paragraph 5" not in text


def test_html_report_names_the_paragraph_opening() -> None:
    html = render("html", [_result()], ReportOptions(lang="vi"))
    assert "đoạn bắt đầu “Duy trì tỉ lệ học sinh…”" in html


def test_without_plan_text_the_index_stays_and_origins_are_words() -> None:
    loc = Location(paragraph=3, origin="footer")
    assert Places().describe(loc, "vi") == "đoạn 4, chân trang"
    assert loc.describe("en") == "paragraph 4, page footer"
    assert Location(table=0, row=1, column=2).describe("vi") == "bảng 1 hàng 2 cột 3"


def test_opening_cuts_long_text_only() -> None:
    assert opening("một hai ba") == "một hai ba"
    assert opening("a b c d e f g h") == "a b c d e f…"
